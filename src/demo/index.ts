// The demo feed as a background process of the hub: a backfill of the last hour, then one tick a minute.
import type { Logger } from 'pino';
import type { Principal } from '../core/access.js';
import type { IngestService } from '../ingest/index.js';
import { demoMessages, demoStations } from './feed.js';

export { DEMO_NAMING_AUTHORITY, demoMessages, demoStations } from './feed.js';

/** The organisation that owns the demo naming authority (created on first start with the demo feed). */
export const DEMO_ORGANISATION = 'demo';

/** The demo feed writes as a service of the demo organisation, held to the same tenant rule as everyone. */
const demoService: Principal = {
  actor: 'system:demo-feed',
  role: 'service',
  orgId: DEMO_ORGANISATION,
  userId: null,
  scopes: new Set(['ingest']),
  via: 'system',
};

export interface DemoFeed {
  stop(): void;
  /** Resolves when the initial backfill has been stored. */
  readonly backfilled: Promise<void>;
}

export function startDemoFeed(options: {
  ingest: IngestService;
  log: Logger;
  stations?: number;
  backfillMinutes?: number;
  now?: () => number;
}): DemoFeed {
  const { ingest, log } = options;
  const now = options.now ?? Date.now;
  const stations = demoStations(options.stations ?? 300);
  const play = async (minute: number) => {
    const messages = demoMessages(stations, minute * 60_000);
    if (messages.length > 0) await ingest.ingest(demoService, messages);
  };
  const currentMinute = () => Math.floor(now() / 60_000);
  const backfill = async () => {
    const last = currentMinute();
    for (let m = last - (options.backfillMinutes ?? 60); m <= last; m++) await play(m);
    log.info({ component: 'demo', stations: stations.length }, 'demo feed backfilled; playing live');
  };
  const backfilled = backfill().catch((err: unknown) =>
    log.warn({ component: 'demo', err }, 'demo backfill failed'),
  );
  let lastPlayed = currentMinute();
  const timer = setInterval(() => {
    const minute = currentMinute();
    if (minute === lastPlayed) return;
    lastPlayed = minute;
    play(minute).catch((err: unknown) => log.warn({ component: 'demo', err }, 'demo tick failed'));
  }, 5_000);
  timer.unref();
  return { stop: () => clearInterval(timer), backfilled };
}
