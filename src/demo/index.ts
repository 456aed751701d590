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
  /** Stops playing; resolves once a batch under way was stored. */
  stop(): Promise<void>;
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
  let stopped = false;
  /** Plays the minutes first…last, station by station, in batches filled up to BATCH across minutes. */
  const play = async (first: number, last: number) => {
    let batch: object[] = [];
    for (let minute = first; minute <= last && !stopped; minute++) {
      for (const station of stations) {
        const reports = demoMessages([station], minute * 60_000, publicUrl);
        if (batch.length + reports.length > BATCH) {
          await ingest.ingest(demoService, batch);
          // Making and validating a batch is CPU work on this thread: let requests and timers run between.
          await setImmediate();
          batch = [];
        }
        batch.push(...reports);
      }
    }
    if (batch.length > 0 && !stopped) await ingest.ingest(demoService, batch);
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
  let tick: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    const minute = currentMinute();
    if (minute === lastPlayed) return;
    lastPlayed = minute;
    tick = play(minute, minute).catch((err: unknown) =>
      log.warn({ component: 'demo', err }, 'demo tick failed'),
    );
  }, 5_000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([backfilled, tick]);
    },
    backfilled,
  };
}
