// The answer cache of the query API: a repeated query is answered from memory (or, with REDIS_URL, from
// another query process's answer), a write is seen by the next request at once, and callers who see
// different data never get each other's answers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { system } from '../../src/core/access.js';
import { AnswerCache } from '../../src/edr/caching.js';
import type { Hub } from '../../src/hub.js';
import { databaseKind } from '../support/database.js';
import { openHub, startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { waitUntil } from '../support/reliability.js';

const C = '/collections/observations';
const PARAM = 'air_temperature:2.0:mean:PT1M';

describe(`answer cache of the query API (${databaseKind})`, () => {
  let hub: TestHub;
  let readKeyB: string;
  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ url, headers });
  const ingest = (headers: Record<string, string>, messages: unknown[]) =>
    hub.app.inject({ method: 'POST', url: '/ingest/json', headers, payload: messages });
  /** obshub_query_cache_requests_total by outcome. */
  const cacheCounts = async () => {
    const text = (await get('/metrics')).body;
    const count = (outcome: string) =>
      Number(
        new RegExp(`obshub_query_cache_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0,
      );
    return { hit: count('hit'), miss: count('miss') };
  };

  before(async () => {
    hub = await startTestHub({ METRICS_PUBLIC: 'on' });
    const { organisations, apiKeys } = hub.identity;
    await organisations.create(system, { id: 'met-b', name: 'Met B' });
    await organisations.setAuthority(system, 'met-b', 'org.met-b', 'recommended');
    const keyB = (await apiKeys.create(system, { orgId: 'met-b', name: 'b', scopes: ['ingest', 'read'] }))
      .key;
    readKeyB = (await apiKeys.create(system, { orgId: 'met-b', name: 'b read', scopes: ['read'] })).key;
    const a = await ingest(hub.provider.headers, [esohMessage({ datetime: minutesAgo(5), value: '11.5' })]);
    assert.equal(a.statusCode, 200, a.body);
    const b = await ingest({ authorization: `Bearer ${keyB}` }, [
      esohMessage({ platform: '0-20000-0-01001', namingAuthority: 'org.met-b', lat: 60.1, lon: 10.5 }),
    ]);
    assert.equal(b.statusCode, 200, b.body);
  });
  after(() => hub.stop());

  it('answers a repeated query from the cache with the same bytes and headers', async () => {
    const url = `${C}/locations/0-20000-0-06260?parameter-name=${PARAM}`;
    // Under a rolling window the key also changes with the minute: take the pair inside one minute.
    for (let minute = -1; minute !== Math.floor(Date.now() / 60_000);) {
      minute = Math.floor(Date.now() / 60_000);
      const before = await cacheCounts();
      const first = await get(url);
      const second = await get(url);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(second.body, first.body);
      assert.equal(second.headers['content-type'], first.headers['content-type']);
      assert.equal(second.headers.etag, first.headers.etag);
      const counts = await cacheCounts();
      if (minute === Math.floor(Date.now() / 60_000))
        assert.ok(counts.hit > before.hit, 'the second came from the cache');
    }
  });

  it('shows a correction to the very next request', async () => {
    const url = `${C}/locations/0-20000-0-06260?parameter-name=${PARAM}`;
    assert.ok((await get(url)).body.includes('11.5'));
    const corrected = await ingest(hub.provider.headers, [
      esohMessage({ datetime: minutesAgo(5), value: '12.75' }),
    ]);
    assert.equal(corrected.statusCode, 200, corrected.body);
    const after = await get(url);
    assert.ok(after.body.includes('12.75'), after.body);
  });

  it("never gives one caller's answer to a caller who may see other data", async () => {
    const url = `${C}/locations`;
    const ids = (res: { json(): { features: { id: string }[] } }) => res.json().features.map((f) => f.id);
    for (let round = 0; round < 2; round++) {
      assert.ok(!ids(await get(url)).includes('0-20000-0-01001'), 'anonymous');
      assert.ok(
        ids(await get(url, { authorization: `Bearer ${readKeyB}` })).includes('0-20000-0-01001'),
        'owner',
      );
      assert.ok(!ids(await get(url, hub.provider.headers)).includes('0-20000-0-01001'), 'other organisation');
    }
  });
});

describe(
  `answers shared by query processes through Redis (${databaseKind})`,
  { skip: databaseKind !== 'postgres' && 'PostgreSQL only (two processes on one database)' },
  () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `obshub-test-${randomUUID()}:` };
    let writer: TestHub;
    let reader: Hub;
    const client = new Redis(redis.REDIS_URL);
    /** Stores (or corrects) the one observation the test queries, through the writer. */
    const store = async (value: string) => {
      const res = await writer.app.inject({
        method: 'POST',
        url: '/ingest/json',
        headers: writer.provider.headers,
        payload: [esohMessage({ datetime: minutesAgo(5), value })],
      });
      assert.equal(res.statusCode, 200, res.body);
    };
    before(async () => {
      writer = await startTestHub({ ...redis, METRICS_PUBLIC: 'on' });
      // A query process of the same deployment: the same database, settings and Redis.
      reader = await openHub(writer.config, { SERVICES: 'query', METRICS_PUBLIC: 'on', ...redis });
      await store('11.5');
    });
    after(async () => {
      await reader.close();
      await writer.stop();
      const keys = await client.keys(`${redis.REDIS_KEY_PREFIX}*`);
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    });

    const sharedCount = async (hub: Hub) =>
      Number(
        /obshub_query_cache_requests_total\{outcome="shared"\} (\d+)/.exec(
          (await hub.app.inject('/metrics')).body,
        )?.[1] ?? 0,
      );

    it('answers a query another process answered, with its bytes, until the data changes', async () => {
      const url = `${C}/locations/0-20000-0-06260?parameter-name=${PARAM}`;
      const kept = async () => (await client.keys(`${redis.REDIS_KEY_PREFIX}answer:*`)).length;
      // Under a rolling window the key also changes with the minute: take the pair inside one minute.
      for (let minute = -1; minute !== Math.floor(Date.now() / 60_000);) {
        minute = Math.floor(Date.now() / 60_000);
        const before = { shared: await sharedCount(reader), kept: await kept() };
        const first = await writer.app.inject(url);
        assert.equal(first.statusCode, 200, first.body);
        await waitUntil(async () => (await kept()) > before.kept, 'the answer to reach Redis');
        const second = await reader.app.inject(url);
        assert.equal(second.body, first.body);
        assert.equal(second.headers.etag, first.headers.etag);
        if (minute === Math.floor(Date.now() / 60_000))
          assert.equal(await sharedCount(reader), before.shared + 1, 'the second came from Redis');
      }
      await store('12.75');
      await waitUntil(
        async () => (await reader.app.inject(url)).body.includes('12.75'),
        'the reader to see the correction',
      );
    });
  },
);

describe('AnswerCache', () => {
  const answer = (bytes: number) => ({
    contentType: 'application/json',
    body: Buffer.alloc(bytes),
    keptMs: 0,
  });

  it('keeps answers within its bytes, dropping the least recently used first', () => {
    const cache = new AnswerCache(1000, 400);
    cache.set('a', answer(299));
    cache.set('b', answer(299));
    cache.set('c', answer(299));
    assert.ok(cache.get('a'), 'a is now the most recently used');
    cache.set('d', answer(299));
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((k) => cache.get(k) !== undefined),
      [true, false, true, true],
    );
    assert.ok(cache.size.bytes <= 1000);
  });

  it('refuses answers larger than its entry bound, and keeps nothing at 0 bytes', () => {
    const cache = new AnswerCache(1000, 400);
    cache.set('big', answer(500));
    assert.equal(cache.get('big'), undefined);
    const off = new AnswerCache(0);
    off.set('a', answer(1));
    assert.equal(off.get('a'), undefined);
    assert.deepEqual(off.size, { entries: 0, bytes: 0 });
  });
});
