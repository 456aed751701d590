// The bus over PostgreSQL LISTEN/NOTIFY: the default when the hub runs on a PostgreSQL server, where
// every process already reaches the database. A notification is delivered to the listeners connected at
// the time (no replay): a process that reconnects misses what was sent meanwhile, which the relay's
// polling and the caches' expiry absorb.
import { openNotificationChannel } from '../storage/index.js';
import { isEnvelope, type BusEventName, type BusEvents, type BusHandler, type EventBus } from './events.js';
import { LocalSubscribers } from './local.js';

export function postgresBus(options: {
  url: string;
  /** Channel name (lower case letters, digits, _); default obshub_events. */
  channel?: string;
  origin: string;
  onError: (err: unknown, event: BusEventName) => void;
}): EventBus {
  const { origin, onError } = options;
  const local = new LocalSubscribers(onError);
  const channel = openNotificationChannel(options.url, options.channel ?? 'obshub_events', (payload) => {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (!isEnvelope(message) || message.o === origin) return;
    local.deliver(message.e, message.p as BusEvents[typeof message.e]);
  });
  const safe = new URL(options.url);
  safe.username = '';
  safe.password = '';
  return {
    kind: 'postgres',
    description: `PostgreSQL LISTEN/NOTIFY at ${safe.host}${safe.pathname}`,
    publish: async <E extends BusEventName>(event: E, payload: BusEvents[E]) => {
      local.deliver(event, payload);
      await channel.notify(JSON.stringify({ o: origin, e: event, p: payload })).catch((err: unknown) => {
        onError(err, event);
      });
    },
    subscribe: <E extends BusEventName>(event: E, handler: BusHandler<E>) => local.subscribe(event, handler),
    ready: () => channel.listening(),
    close: async () => {
      local.clear();
      await channel.close();
    },
  };
}
