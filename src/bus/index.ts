// The event bus: how processes tell each other that something happened (observations committed, the
// metadata record changed, the data version moved). In-process when one process runs everything on the
// embedded database; PostgreSQL LISTEN/NOTIFY by default on a PostgreSQL server; NATS JetStream with
// BUS_URL=nats://…. Every implementation passes the same contract test (test/medium/bus.test.ts).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { BusEventName, EventBus } from './events.js';
import { memoryBus } from './memory.js';
import { natsBus } from './nats.js';
import { postgresBus } from './postgres.js';

export type { BusEventName, BusEvents, BusHandler, BusPublisher, EventBus } from './events.js';
export { busEventNames } from './events.js';
export { natsNames } from './nats.js';

export interface BusOptions {
  /** BUS_URL: nats://…, postgres://… or memory://; unset: chosen from `databaseUrl`. */
  busUrl: string | undefined;
  /** DATABASE_URL: on a PostgreSQL server the default bus is its LISTEN/NOTIFY. */
  databaseUrl: string | undefined;
  /** Where a handler's failure or a lost event is reported. */
  onError: (err: unknown, event: BusEventName | undefined) => void;
}

/** The transport BUS_URL names, or the default one (see BusOptions). */
export function busKind(options: Pick<BusOptions, 'busUrl' | 'databaseUrl'>): EventBus['kind'] {
  const scheme = options.busUrl ? new URL(options.busUrl).protocol : undefined;
  if (scheme === 'nats:') return 'nats';
  if (scheme === 'memory:') return 'memory';
  if (scheme === 'postgres:' || scheme === 'postgresql:') return 'postgres';
  return options.databaseUrl ? 'postgres' : 'memory';
}

/** Opens the bus the options ask for (connected, subscribed to other processes' events). */
export async function openBus(options: BusOptions): Promise<EventBus> {
  const origin = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const { onError } = options;
  switch (busKind(options)) {
    case 'memory':
      return memoryBus(onError);
    case 'nats':
      return natsBus({ url: options.busUrl!, origin, onError });
    case 'postgres': {
      const url = options.busUrl ?? options.databaseUrl!;
      return postgresBus({ url, origin, onError });
    }
  }
}
