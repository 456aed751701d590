// Statement limits of the query API (issue: "queries never stop"): a statement that runs too long is
// stopped and answered QUERY_TIMEOUT, one whose caller went away QUERY_CANCELLED, and neither keeps the
// database busy; on the embedded database (no timers in PGlite) the worker is restarted and the data
// stays. Large queries take turns through a bounded gate.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ObshubError } from '../../src/core/errors.js';
import { HeavyQueryGate } from '../../src/edr/budget.js';
import { openDatabase, type Database } from '../../src/storage/db.js';
import { databaseKind, testDatabase, type TestDatabase } from '../support/database.js';

const SLOW = 'SELECT pg_sleep(60)';

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return err instanceof ObshubError ? err.code : String(err);
  }
}

describe(`statement limits (${databaseKind})`, () => {
  let tdb: TestDatabase;
  let db: Database;
  before(async () => {
    tdb = await testDatabase();
    db = await openDatabase({ ...tdb, statementTimeoutMs: 120_000, poolSize: 4 });
    await db.exec('CREATE TABLE kept (v int); INSERT INTO kept VALUES (42);');
  });
  after(async () => {
    await db.close();
    await tdb.drop();
  });

  /** Statements of the server running `pg_sleep` (PostgreSQL only). */
  const sleeping = async () =>
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1 AND state = 'active'",
        [SLOW],
      )
    )[0]!.n;

  it('stops a statement that runs longer than its limit, and the database answers on', async () => {
    const started = performance.now();
    assert.equal(await code(db.limited({ timeoutMs: 300 }).query(SLOW)), 'QUERY_TIMEOUT');
    assert.ok(performance.now() - started < 30_000, 'well before the statement would have ended');
    assert.deepEqual(await db.query('SELECT v FROM kept'), [{ v: 42 }]);
    if (databaseKind === 'postgres') assert.equal(await sleeping(), 0, 'the server no longer runs it');
  });

  it('cancels a statement whose caller went away, and never starts one for a caller already gone', async () => {
    const gone = new AbortController();
    gone.abort();
    assert.equal(
      await code(db.limited({ timeoutMs: 60_000, signal: gone.signal }).query(SLOW)),
      'QUERY_CANCELLED',
    );
    if (databaseKind !== 'postgres') return; // PGlite cannot stop a statement it runs; its time limit does
    const controller = new AbortController();
    const running = db.limited({ timeoutMs: 60_000, signal: controller.signal }).query(SLOW);
    while ((await sleeping()) === 0) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    assert.equal(await code(running), 'QUERY_CANCELLED');
    assert.equal(await sleeping(), 0);
  });
});

describe('the gate of large queries', () => {
  it('lets `concurrency` in at once, queues four times as many, and refuses the rest', async () => {
    const gate = new HeavyQueryGate(1);
    const first = await gate.enter();
    const order: string[] = [];
    const queued = Array.from({ length: 4 }, (_, i) =>
      gate.enter().then((leave) => (order.push(`q${i}`), leave)),
    );
    assert.equal(await code(gate.enter()), 'SERVER_BUSY');
    assert.deepEqual(order, []);
    first();
    first(); // leaving twice frees one turn only
    const leaves = [];
    for (const q of queued) {
      const leave = await q;
      leaves.push(leave);
      leave();
    }
    assert.deepEqual(order, ['q0', 'q1', 'q2', 'q3']);
    const again = await gate.enter();
    again();
  });
});
