// The contract every counter store keeps (src/core/limits.ts, CounterStore), run against each
// implementation (memory and Redis: test/medium/counters.test.ts). Windows are fixed and short here.
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CounterStore } from '../../src/core/limits.js';

export interface StoreUnderTest {
  store: CounterStore;
  close(): Promise<void>;
}

export function counterStoreContract(open: () => Promise<StoreUnderTest>): void {
  let opened: StoreUnderTest[] = [];
  const store = async () => {
    const s = await open();
    opened.push(s);
    return s.store;
  };
  afterEach(async () => {
    await Promise.all(opened.map((s) => s.close()));
    opened = [];
  });

  it('counts hits of a key from 1 in a window that ends windowMs after the first', async () => {
    const s = await store();
    const first = await s.hit('a', 60_000);
    assert.equal(first.count, 1);
    assert.ok(first.resetMs > 59_000 && first.resetMs <= 60_000, `resetMs ${first.resetMs}`);
    await sleep(20);
    const second = await s.hit('a', 60_000);
    assert.equal(second.count, 2);
    assert.ok(second.resetMs < first.resetMs, 'a later hit does not extend the window');
  });

  it('keeps keys apart', async () => {
    const s = await store();
    await s.hit('a', 60_000);
    await s.hit('a', 60_000);
    assert.equal((await s.hit('b', 60_000)).count, 1);
    assert.equal((await s.peek('a')).count, 2);
  });

  it('starts from 1 again once the window is over', async () => {
    const s = await store();
    await s.hit('a', 150);
    assert.equal((await s.hit('a', 150)).count, 2);
    await sleep(250);
    assert.deepEqual(await s.peek('a'), { count: 0, resetMs: 0 });
    assert.equal((await s.hit('a', 150)).count, 1);
  });

  it('peeks without counting', async () => {
    const s = await store();
    assert.deepEqual(await s.peek('a'), { count: 0, resetMs: 0 }, 'an unknown key');
    await s.hit('a', 60_000);
    const peeked = await s.peek('a');
    assert.equal(peeked.count, 1);
    assert.ok(peeked.resetMs > 0 && peeked.resetMs <= 60_000);
    assert.equal((await s.peek('a')).count, 1);
    assert.equal((await s.hit('a', 60_000)).count, 2);
  });

  it('reset ends the window at once', async () => {
    const s = await store();
    await s.hit('a', 60_000);
    await s.hit('a', 60_000);
    await s.reset('a');
    assert.equal((await s.peek('a')).count, 0);
    assert.equal((await s.hit('a', 60_000)).count, 1);
    await s.reset('never-hit');
  });

  it('counts concurrent hits exactly once each', async () => {
    const s = await store();
    const counts = await Promise.all(Array.from({ length: 50 }, () => s.hit('a', 60_000)));
    assert.deepEqual(
      counts.map((c) => c.count).sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });
}
