// The validation workers of the ingest (INGEST_WORKERS) as a pool: a worker that dies fails only its own
// batch (503) and is replaced; closing fails what still waits. The answers themselves are tested through
// the API in ingest.test.ts, with and without workers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObshubError } from '../../src/core/errors.js';
import { ValidationPool } from '../../src/ingest/index.js';
import { defaultLimits, esohMessage, minutesAgo } from '../support/messages.js';

const STOPPING_WORKER = new URL('../support/stoppingWorker.ts', import.meta.url);

function task(body: string) {
  const now = Date.now();
  return {
    bytes: Buffer.from(body),
    gzip: false,
    bodyLimit: 1_000_000,
    window: { fromMs: now - 86_400_000, toMs: now + 600_000, retention: 'PT24H', futureTolerance: 'PT10M' },
    limits: defaultLimits,
  };
}

const valid = () => task(JSON.stringify([esohMessage({ datetime: minutesAgo(1) })]));
const withCode = (code: string) => (err: unknown) => err instanceof ObshubError && err.code === code;

describe('validation workers', () => {
  it('fails the batch of a worker that stopped with 503, and goes on with a new worker', async () => {
    const pool = new ValidationPool(1, STOPPING_WORKER);
    try {
      assert.equal((await pool.run(valid())).observations.length, 1);
      await assert.rejects(pool.run(task('!')), withCode('SERVER_BUSY'));
      assert.equal((await pool.run(valid())).observations.length, 1);
      const invalid = await pool.run(task('[{"type": "Feature"}]'));
      assert.ok(invalid.problems.length > 0, 'problems are answered as before');
      await assert.rejects(pool.run(task('[')), withCode('BODY_UNREADABLE'));
    } finally {
      await pool.close();
    }
  });

  it('fails the batches still waiting or in a worker when it closes, and takes no more', async () => {
    const pool = new ValidationPool(1, STOPPING_WORKER);
    const failed = Promise.all([
      assert.rejects(pool.run(valid()), withCode('SERVER_BUSY')), // in the worker
      assert.rejects(pool.run(valid()), withCode('NOT_READY')), // waiting for it
    ]);
    await pool.close();
    await failed;
    await assert.rejects(pool.run(valid()), withCode('NOT_READY'));
  });
});
