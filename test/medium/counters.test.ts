// The counter stores behind every limit: one contract (test/support/counterContract.ts) run against the
// memory store and the Redis store (the machine's Redis; each test under a prefix of its own), then what
// only Redis does: replicas share counts, and an unreachable Redis neither waits nor takes limits away.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { MemoryCounters, openCounters } from '../../src/gateway/index.js';
import { counterStoreContract } from '../support/counterContract.js';
import { redisCounters, testRedisPrefix } from '../support/redis.js';

describe('counter store contract: memory', () => {
  counterStoreContract(async () => ({ store: new MemoryCounters(), close: async () => undefined }));

  it('forgets the oldest keys beyond its size bound', async () => {
    const store = new MemoryCounters(3);
    for (const key of ['a', 'b', 'c', 'd']) await store.hit(key, 60_000);
    assert.equal((await store.peek('a')).count, 0);
    assert.equal((await store.peek('d')).count, 1);
  });
});

describe('counter store contract: Redis', () => {
  counterStoreContract(async () => {
    const store = await redisCounters();
    return { store, close: () => store.close() };
  });

  it('shares counts between stores on one Redis and prefix, not across prefixes', async () => {
    const prefix = testRedisPrefix();
    const [a, b, other] = await Promise.all([redisCounters(prefix), redisCounters(prefix), redisCounters()]);
    after(() => Promise.all([a.close(), b.close(), other.close()]));
    await a.hit('k', 60_000);
    assert.equal((await b.hit('k', 60_000)).count, 2);
    assert.equal((await other.hit('k', 60_000)).count, 1);
  });
});

describe('counters when Redis is unreachable', () => {
  it('count in memory at once (no waiting), log it once, and the hub keeps its limits', async () => {
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    // A port nothing listens on.
    const counters = await openCounters({
      redisUrl: 'redis://127.0.0.1:1',
      redisKeyPrefix: testRedisPrefix(),
      log,
    });
    after(() => counters.close());
    const started = Date.now();
    for (let i = 1; i <= 5; i++) assert.equal((await counters.store.hit('k', 60_000)).count, i);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    const warnings = lines.filter((l) => l.level === 40);
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    assert.match(warnings[0]!.msg, /Redis does not answer/);
  });
});
