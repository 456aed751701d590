// The demo feed as a background process of the hub: a backfill of the last hour, then one tick a minute.
import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Principal } from '../core/access.js';
import type { IngestService } from '../ingest/index.js';
import { demoMessages } from './feed.js';
import { demoStations } from './stations.js';

export { DEMO_NAMING_AUTHORITY, demoMessages } from './feed.js';
export { demoStations, type DemoStation } from './stations.js';

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

/**
 * Messages per ingest call at most. A whole minute of 300 stations is up to 1800 messages, the backfill
 * some 47 000: made and stored in small batches, they let the hub answer between them while it backfills.
 */
const BATCH = 300;

export function startDemoFeed(options: {
  ingest: IngestService;
  log: Logger;
  /** The hub's PUBLIC_URL: the messages link to the stations' data there. */
  publicUrl: string;
  stations?: number;
  backfillMinutes?: number;
  now?: () => number;
}): DemoFeed {
  const { ingest, log, publicUrl } = options;
  const now = options.now ?? Date.now;
  const stations = demoStations(options.stations ?? 300);
  /** Plays the minutes first…last, station by station, in batches filled up to BATCH across minutes. */
  const play = async (first: number, last: number) => {
    let batch: object[] = [];
    for (let minute = first; minute <= last; minute++) {
      for (const station of stations) {
        const reports = demoMessages([station], minute * 60_000, publicUrl);
        if (batch.length + reports.length > BATCH) {
          await ingest.ingest(demoService, batch);
          // The embedded database resolves its promises without going through the event loop (the
          // whole backfill then ran as one 48 s stretch of microtasks): let timers and I/O run.
          await setImmediate();
          batch = [];
        }
        batch.push(...reports);
      }
    }
    if (batch.length > 0) await ingest.ingest(demoService, batch);
  };
  const currentMinute = () => Math.floor(now() / 60_000);
  const backfill = async () => {
    const last = currentMinute();
    await play(last - (options.backfillMinutes ?? 60), last);
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
    play(minute, minute).catch((err: unknown) => log.warn({ component: 'demo', err }, 'demo tick failed'));
  }, 5_000);
  timer.unref();
  return { stop: () => clearInterval(timer), backfilled };
}
