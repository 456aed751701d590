// Storage on a real database: retention by partition drops, concurrent migrations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anonymous } from '../../src/core/access.js';
import { IngestService } from '../../src/ingest/index.js';
import { loadConfig } from '../../src/config/index.js';
import { listMigrations, openStorage } from '../../src/storage/index.js';
import { databaseKind, testDatabase, type TestDatabase } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';
import { storedCounts, storedPartitions, storedValues } from '../support/queries.js';

const HOUR = 3_600_000;

describe(`retention (${databaseKind})`, () => {
  let hub: TestHub;
  // Times relative to the start of the current hour, all inside [now − 3 h, now + 2 h] whatever the minute.
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  before(async () => {
    hub = await startTestHub({ RETENTION: 'PT3H', FUTURE_TOLERANCE: 'PT2H' });
  });
  after(() => hub.stop());

  it('uses hourly partitions for a short window and drops whole expired ones', async () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: hub.provider.headers,
      payload: [
        esohMessage({ platform: '0-20000-0-00010', datetime: at(hour - 90 * 60_000) }), // two hours ago, :30
        esohMessage({ platform: '0-20000-0-00011', datetime: at(hour) }), // this hour
        esohMessage({ platform: '0-20000-0-00011', datetime: at(hour + 90 * 60_000) }), // next hour
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const partitions = await storedPartitions(hub.storage);
    assert.equal(partitions.length, 3);
    assert.ok(partitions.every((p) => p.toMs - p.fromMs === HOUR));

    // With the window starting half an hour before this hour, the oldest partition lies wholly before it;
    // the partition of this hour does not.
    const result = await hub.storage.retention.dropExpired(hour - 30 * 60_000);
    assert.equal(result.droppedPartitions.length, 1);
    assert.equal(result.deletedSeries, 1, 'the series whose last observation expired is removed');
    assert.equal((await storedPartitions(hub.storage)).length, 2);
    assert.deepEqual(await storedCounts(hub.storage), { observations: 2, series: 1, stations: 1 });
  });

  it('the periodic job applies the window on its own', async () => {
    await hub.retention.runOnce();
    assert.equal((await storedCounts(hub.storage)).observations, 2);
  });

  it('re-creates a series another process deleted, even when a re-sent observation moves nothing', async () => {
    const message = esohMessage({ platform: '0-20000-0-00012', datetime: new Date(hour).toISOString() });
    const send = () =>
      hub.app.inject({
        method: 'POST',
        url: '/ingest/json',
        headers: hub.provider.headers,
        payload: [message],
      });
    assert.equal((await send()).statusCode, 200);
    // As another process's retention would, behind this process's back (it remembers the series' id).
    await hub.storage.db.query(`DELETE FROM time_series WHERE platform = '0-20000-0-00012'`);
    assert.equal((await send()).statusCode, 200);
    const res = await hub.app.inject({ url: '/collections/observations/locations/0-20000-0-00012' });
    assert.equal(res.statusCode, 200, res.body);
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
          openStorage({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, retentionSeconds: null }),
        ),
      );
      const applied = await Promise.all(storages.map((s) => s.migrate()));
      assert.deepEqual(applied.flat().sort(), all);
      assert.deepEqual(await storages[0]!.migrate(), []);
      await Promise.all(storages.map((s) => s.close()));
    } else {
      // PGlite is one process per data directory; concurrent callers inside it are serialised.
      const storage = await openStorage({
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

describe(
  `series cache across processes (${databaseKind})`,
  { skip: databaseKind !== 'postgres' && 'needs two processes on one database (PostgreSQL)' },
  () => {
    let db: TestDatabase;
    before(async () => {
      db = await testDatabase();
    });
    after(() => db.drop());

    it('re-creates a series that another process deleted by retention', async () => {
      const open = () =>
        openStorage({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, retentionSeconds: 3 * 3600 });
      const [writer, janitor] = [await open(), await open()];
      await writer.migrate();
      // A trusted writer: this test is about the series cache, not about who may write.
      const ingest = new IngestService(
        writer.observations,
        { ...loadConfig({}), retentionSeconds: 3 * 3600, futureToleranceSeconds: 600 },
        async () => {},
      );
      const hour = Math.floor(Date.now() / HOUR) * HOUR;
      await ingest.ingest(anonymous, [
        esohMessage({ platform: '0-20000-0-00030', datetime: new Date(hour - 2 * HOUR).toISOString() }),
      ]);
      // Another process applies retention: the series' only observation left the window, so it is deleted.
      assert.equal((await janitor.retention.dropExpired(hour - HOUR)).deletedSeries, 1);
      // The writer still remembers the series' id; its next write must notice and create it again.
      await ingest.ingest(anonymous, [
        esohMessage({ platform: '0-20000-0-00030', datetime: new Date(hour).toISOString() }),
      ]);
      assert.deepEqual(await storedCounts(writer), { observations: 1, series: 1, stations: 1 });
      assert.equal(
        (await storedValues(writer, '0-20000-0-00030', 'air_temperature:2.0:mean:PT1M')).length,
        1,
      );
      await writer.close();
      await janitor.close();
    });
  },
);
