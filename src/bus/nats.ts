// The bus over NATS JetStream (BUS_URL=nats://host:4222[/name]): events are stored in a small stream
// (in memory, ten minutes, at most 100 000 events) and each process reads it with an ordered consumer
// from the moment it subscribed, so a process that loses its connection for a moment resumes where it
// was instead of missing what was sent meanwhile. The URL's path names the stream and the subjects
// (`obshub` by default: stream OBSHUB_EVENTS, subjects obshub.events.<event>), so that several
// deployments can share one NATS.
import {
  connect,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  StorageType,
  type ConsumerMessages,
  type NatsConnection,
} from 'nats';
import { isEnvelope, type BusEventName, type BusEvents, type BusHandler, type EventBus } from './events.js';
import { LocalSubscribers } from './local.js';

const STREAM_MAX_AGE_MS = 10 * 60_000;
const STREAM_MAX_MSGS = 100_000;

export function natsNames(url: string): { stream: string; subjects: string } {
  const name = new URL(url).pathname.replace(/^\/+|\/+$/g, '') || 'obshub';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`BUS_URL: "${name}" is not a valid NATS name`);
  return { stream: `${name.toUpperCase().replaceAll('-', '_')}_EVENTS`, subjects: `${name}.events` };
}

export async function natsBus(options: {
  url: string;
  origin: string;
  onError: (err: unknown, event: BusEventName | undefined) => void;
}): Promise<EventBus> {
  const { origin, onError } = options;
  const url = new URL(options.url);
  const { stream, subjects } = natsNames(options.url);
  const nc: NatsConnection = await connect({
    servers: `${url.hostname.includes(':') ? `[${url.hostname}]` : url.hostname}:${url.port || '4222'}`,
    ...(url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : {}),
    name: `obshub ${origin}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  });
  const local = new LocalSubscribers(onError);
  let messages: ConsumerMessages | undefined;
  let reading: Promise<void> | undefined;
  try {
    const jsm = await nc.jetstreamManager();
    const config = {
      name: stream,
      subjects: [`${subjects}.>`],
      storage: StorageType.Memory,
      max_age: nanos(STREAM_MAX_AGE_MS),
      max_msgs: STREAM_MAX_MSGS,
      discard: DiscardPolicy.Old,
    };
    await jsm.streams.info(stream).then(
      () => jsm.streams.update(stream, config),
      () => jsm.streams.add(config),
    );
    const consumer = await nc
      .jetstream()
      .consumers.get(stream, { filterSubjects: `${subjects}.>`, deliver_policy: DeliverPolicy.New });
    messages = await consumer.consume();
    const consumed = messages;
    reading = (async () => {
      for await (const m of consumed) {
        let message: unknown;
        try {
          message = m.json();
        } catch {
          continue;
        }
        if (!isEnvelope(message) || message.o === origin) continue;
        local.deliver(message.e, message.p as BusEvents[typeof message.e]);
      }
    })().catch((err: unknown) => onError(err, undefined));
  } catch (err) {
    await nc.close();
    throw err;
  }
  const js = nc.jetstream();
  const encoder = new TextEncoder();
  return {
    kind: 'nats',
    description: `NATS JetStream at ${url.host} (stream ${stream})`,
    publish: async <E extends BusEventName>(event: E, payload: BusEvents[E]) => {
      local.deliver(event, payload);
      try {
        await js.publish(
          `${subjects}.${event}`,
          encoder.encode(JSON.stringify({ o: origin, e: event, p: payload })),
        );
      } catch (err) {
        onError(err, event);
      }
    },
    subscribe: <E extends BusEventName>(event: E, handler: BusHandler<E>) => local.subscribe(event, handler),
    ready: async () => {
      if (nc.isClosed()) throw new Error('the NATS connection is closed');
      await nc.flush();
    },
    close: async () => {
      local.clear();
      messages?.stop();
      await reading;
      await nc.close();
    },
  };
}
