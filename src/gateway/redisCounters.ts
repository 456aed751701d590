// Counters in Redis (REDIS_URL), shared by every replica: one atomic script counts a hit and starts the
// window's expiry. Commands fail at once while Redis is unreachable (no offline queue, short timeouts),
// so a caller never waits on it; the client reconnects by itself.
import { Redis } from 'ioredis';
import type { Count, CounterStore } from '../core/limits.js';

// INCR, PEXPIRE on the first hit (or when a key somehow lost its expiry), then the time left.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const PEEK = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then return {0, 0} end
return {count, ttl}`;

type Counted = (key: string, windowMs?: number) => Promise<[number, number]>;

export class RedisCounters implements CounterStore {
  readonly client: Redis;
  private readonly hitScript: Counted;
  private readonly peekScript: Counted;

  /** Keys are `prefix` + the counter's key, so deployments (and tests) can share one Redis. */
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.client.defineCommand('obshubHit', { numberOfKeys: 1, lua: HIT });
    this.client.defineCommand('obshubPeek', { numberOfKeys: 1, lua: PEEK });
    const scripts = this.client as unknown as Record<'obshubHit' | 'obshubPeek', Counted>;
    this.hitScript = scripts.obshubHit.bind(this.client);
    this.peekScript = scripts.obshubPeek.bind(this.client);
  }

  async hit(key: string, windowMs: number): Promise<Count> {
    const [count, resetMs] = await this.hitScript(this.prefix + key, Math.max(1, Math.round(windowMs)));
    return { count, resetMs };
  }

  async peek(key: string): Promise<Count> {
    const [count, resetMs] = await this.peekScript(this.prefix + key);
    return { count, resetMs };
  }

  async reset(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  /** Connects (rejects when Redis is unreachable now; the client keeps trying in the background). */
  connect(): Promise<void> {
    return this.client.connect();
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}
