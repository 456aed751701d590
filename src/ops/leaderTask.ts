// A background task that one process of a deployment runs at a time: the process that holds the task's
// leader lock (storage/leaderLock.ts) runs it; the others try to take the lock every `retryMs` and take
// over when the holder stops or dies. A process that loses the lock stops the task.
import type { Logger } from 'pino';
import type { LeaderLock } from '../storage/index.js';

export interface LeaderTask<T> {
  /** The task while this process runs it. */
  readonly running: T | undefined;
  /** Stops the task (if this process runs it) and gives the lock up. */
  stop(): Promise<void>;
}

export function runWhileLeader<T extends { stop(): Promise<void> }>(options: {
  lock: LeaderLock;
  /** For the log. */
  name: string;
  retryMs: number;
  log: Logger;
  start: () => T;
}): LeaderTask<T> {
  const { lock, name, log } = options;
  let running: T | undefined;
  let stopped = false;
  const check = async () => {
    const leading = await lock.hold();
    if (stopped) return;
    if (leading && !running) {
      running = options.start();
      log.info({ component: 'jobs', task: name }, `${name}: this process runs it (it holds its lock)`);
    } else if (!leading && running) {
      const lost = running;
      running = undefined;
      log.warn({ component: 'jobs', task: name }, `${name}: lost its lock; stopped here`);
      await lost.stop();
    }
  };
  const tick = () =>
    check().catch((err: unknown) => {
      log.warn({ component: 'jobs', task: name, err }, `${name}: leader check failed; will retry`);
    });
  let checking = tick();
  const timer = setInterval(() => {
    checking = checking.then(tick);
  }, options.retryMs);
  timer.unref();
  return {
    get running() {
      return running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await checking;
      await running?.stop();
      running = undefined;
      await lock.release();
    },
  };
}
