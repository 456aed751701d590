// The counter store of the hub: Redis when REDIS_URL is set (replicas share their counts), memory
// otherwise. Redis being unreachable never takes the hub down and never opens it up: every limit then
// counts in this replica's memory (so it holds per replica) until Redis answers again, which is tried
// again every few seconds. Both changes are logged once.
import type { Logger } from 'pino';
import type { Count, CounterStore } from '../core/limits.js';
import { MemoryCounters } from './memoryCounters.js';
import { RedisCounters } from './redisCounters.js';

const RETRY_REDIS_MS = 5_000;

export interface Counters {
  readonly store: CounterStore;
  /** Where the counts live, for the start-up log line (no credentials). */
  readonly description: string;
  close(): Promise<void>;
}

class SharedCounters implements CounterStore {
  /** While set and in the future, Redis is skipped; set at all: Redis was found unreachable. */
  private downUntil = 0;

  constructor(
    private readonly redis: RedisCounters,
    private readonly local: MemoryCounters,
    private readonly log: Logger,
  ) {}

  hit(key: string, windowMs: number): Promise<Count> {
    return this.use((store) => store.hit(key, windowMs));
  }

  peek(key: string): Promise<Count> {
    return this.use((store) => store.peek(key));
  }

  reset(key: string): Promise<void> {
    return this.use((store) => store.reset(key));
  }

  private async use<T>(op: (store: CounterStore) => Promise<T>): Promise<T> {
    if (Date.now() < this.downUntil) return op(this.local);
    try {
      const result = await op(this.redis);
      if (this.downUntil) {
        this.downUntil = 0;
        this.log.info({ component: 'limits' }, 'Redis answers again: rate-limit counters are shared again');
      }
      return result;
    } catch (err) {
      this.unreachable(err);
      return op(this.local);
    }
  }

  /** Counts locally for a while; logs the change from shared to local counting once. */
  unreachable(err: unknown): void {
    if (!this.downUntil) {
      this.log.warn(
        { component: 'limits', err },
        "Redis does not answer: rate limits count in this replica's memory until it does",
      );
    }
    this.downUntil = Date.now() + RETRY_REDIS_MS;
  }
}

export async function openCounters(options: {
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  log: Logger;
}): Promise<Counters> {
  const { redisUrl, redisKeyPrefix, log } = options;
  if (!redisUrl) {
    return { store: new MemoryCounters(), description: 'memory', close: async () => undefined };
  }
  const redis = new RedisCounters(redisUrl, redisKeyPrefix);
  // The client reports every failed reconnection; SharedCounters logs the state changes instead.
  redis.client.on('error', () => undefined);
  const store = new SharedCounters(redis, new MemoryCounters(), log);
  const safe = new URL(redisUrl);
  safe.username = '';
  safe.password = '';
  await redis.connect().catch((err: unknown) => store.unreachable(err));
  return { store, description: `Redis at ${safe.host}`, close: () => redis.close() };
}
