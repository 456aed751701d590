// Storage on a real database: retention by partition drops, concurrent migrations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listMigrations, Storage } from '../../src/storage/index.js';
import { databaseKind, testDatabase, type TestDatabase } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';

const HOUR = 3_600_000;

describe(`retention (${databaseKind})`, () => {
  let hub: TestHub;
  const now = Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000; // half past the current hour
  before(async () => {
    hub = await startTestHub({ RETENTION: 'PT90M', FUTURE_TOLERANCE: 'PT2H' });
  });
  after(() => hub.stop());

  it('uses hourly partitions for a short window and drops whole expired ones', async () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      payload: [
        esohMessage({ platform: '0-20000-0-00010', datetime: at(now - 50 * 60_000) }), // previous hour, 00:40
        esohMessage({ platform: '0-20000-0-00011', datetime: at(now - 10 * 60_000) }), // this hour
        esohMessage({ platform: '0-20000-0-00011', datetime: at(now + 60 * 60_000) }), // next hour
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const partitions = await hub.storage.listPartitions();
    assert.equal(partitions.length, 3);
    assert.ok(partitions.every((p) => p.toMs - p.fromMs === HOUR));

    // An hour later, the oldest partition lies wholly before the window; the current one does not.
    const result = await hub.storage.dropExpired(now + HOUR - 90 * 60_000);
    assert.equal(result.droppedPartitions.length, 1);
    assert.equal(result.deletedSeries, 1, 'the series whose last observation expired is removed');
    assert.equal((await hub.storage.listPartitions()).length, 2);
    assert.deepEqual(await hub.storage.counts(), { observations: 2, series: 1, stations: 1 });
  });

  it('the periodic job applies the window on its own', async () => {
    await hub.retention.runOnce();
    assert.ok((await hub.storage.counts()).observations <= 2);
  });
});

describe(`migrations (${databaseKind})`, () => {
  let db: TestDatabase;
  let emptyDir: string;
  before(async () => {
    db = await testDatabase();
    emptyDir = mkdtempSync(path.join(tmpdir(), 'obshub-migrate-'));
  });
  after(async () => {
    await db.drop();
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('are applied exactly once when several processes start at once', async () => {
    const all = listMigrations().map((m) => m.name);
    if (databaseKind === 'postgres') {
      // A fresh database on the server: four "processes" (each its own pool) migrate concurrently.
      const storages = await Promise.all(
        [1, 2, 3, 4].map(() =>
          Storage.open({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, retentionSeconds: null }),
        ),
      );
      const applied = await Promise.all(storages.map((s) => s.migrate()));
      assert.deepEqual(applied.flat().sort(), all);
      assert.deepEqual(await storages[0]!.migrate(), []);
      await Promise.all(storages.map((s) => s.close()));
    } else {
      // PGlite is one process per data directory; concurrent callers inside it are serialised.
      const storage = await Storage.open({
        databaseUrl: undefined,
        dataDir: emptyDir,
        retentionSeconds: null,
      });
      const applied = await Promise.all([storage.migrate(), storage.migrate(), storage.migrate()]);
      assert.deepEqual(applied.flat().sort(), all);
      await storage.close();
    }
  });
});
