// The retention job: every interval, drops what has left the rolling window. Runs in the process that
// owns storage; several processes may run it at once (dropping is idempotent and lock-protected).
import type { Logger } from 'pino';
import type { BusPublisher } from '../bus/index.js';
import { emit } from '../observability/index.js';
import type { Repositories } from '../storage/index.js';

export interface RetentionJob {
  runOnce(): Promise<void>;
  /** Stops the schedule and waits for a run under way. */
  stop(): Promise<void>;
}

export function startRetentionJob(options: {
  storage: Pick<Repositories, 'retention'>;
  retentionSeconds: number | null;
  intervalSeconds: number;
  log: Logger;
  /** Told when a run changed the stored data (`data.version`). */
  events?: BusPublisher;
  now?: () => number;
}): RetentionJob {
  const { storage, retentionSeconds, log } = options;
  const now = options.now ?? Date.now;
  let running: Promise<void> | undefined;
  let first = true;
  const runOnce = async () => {
    if (retentionSeconds === null) return;
    const cutoffMs = now() - retentionSeconds * 1000;
    running ??= storage.retention
      .dropExpired(cutoffMs)
      .then((r) => {
        emit('retention.run', { outcome: 'ok' });
        if (r.droppedPartitions.length || r.deletedSeries) {
          void options.events?.publish('data.version', { authorities: ['*'] });
          // The first run after a start may drop much at once (an archive loaded under a longer window): say so.
          if (first && r.droppedPartitions.length) {
            log.warn(
              { component: 'retention', ...r },
              `dropped ${r.droppedPartitions.length} partition(s) of observations older than the RETENTION window (${new Date(cutoffMs).toISOString()}); start with RETENTION=unlimited to keep archives`,
            );
          } else log.info({ component: 'retention', ...r }, 'retention applied');
        }
        if (r.deletedAnnouncements)
          log.warn(
            { component: 'retention', deletedAnnouncements: r.deletedAnnouncements },
            'observations left the retention window before they could be announced',
          );
      })
      .catch((err: unknown) => {
        emit('retention.run', { outcome: 'failed' });
        log.warn({ component: 'retention', err }, 'retention run failed; will retry');
      })
      .finally(() => {
        running = undefined;
        first = false;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.intervalSeconds * 1000);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
