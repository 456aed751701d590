// The retention job: every interval, drops what has left the rolling window. Runs in the process that
// owns storage; several processes may run it at once (dropping is idempotent and lock-protected).
import type { Logger } from 'pino';
import type { Storage } from '../storage/index.js';

export interface RetentionJob {
  runOnce(): Promise<void>;
  stop(): void;
}

export function startRetentionJob(options: {
  storage: Storage;
  retentionSeconds: number | null;
  intervalSeconds: number;
  log: Logger;
  now?: () => number;
}): RetentionJob {
  const { storage, retentionSeconds, log } = options;
  const now = options.now ?? Date.now;
  let running: Promise<void> | undefined;
  const runOnce = async () => {
    if (retentionSeconds === null) return;
    running ??= storage
      .dropExpired(now() - retentionSeconds * 1000)
      .then((r) => {
        if (r.droppedPartitions.length || r.deletedSeries)
          log.info({ component: 'retention', ...r }, 'retention applied');
        if (r.deletedAnnouncements)
          log.warn(
            { component: 'retention', deletedAnnouncements: r.deletedAnnouncements },
            'observations left the retention window before they could be announced',
          );
      })
      .catch((err: unknown) => log.warn({ component: 'retention', err }, 'retention run failed; will retry'))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.intervalSeconds * 1000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
