// Redis for tests: the machine's Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379), with a key
// prefix of its own for every test so that parallel runs never count each other's hits. Redis missing is
// a failure that says so, never a silent skip (.ci/run starts it).
import { randomBytes } from 'node:crypto';
import { RedisCounters } from '../../src/gateway/index.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export function testRedisPrefix(): string {
  return `obshub-test:${randomBytes(6).toString('hex')}:`;
}

/** Counters on the test Redis under a fresh prefix; throws a clear error when Redis cannot be reached. */
export async function redisCounters(prefix = testRedisPrefix()): Promise<RedisCounters> {
  const counters = new RedisCounters(TEST_REDIS_URL, prefix);
  counters.client.on('error', () => undefined);
  try {
    await counters.connect();
  } catch (err) {
    await counters.close();
    throw new Error(
      `these tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL, or start it: redis-server --daemonize yes): ${(err as Error).message}`,
    );
  }
  return counters;
}
