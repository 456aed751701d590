// The demo feed plays valid observations through the real ingest service.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { DEMO_NAMING_AUTHORITY, demoMessages, demoStations, startDemoFeed } from '../../src/demo/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';

describe('demo feed', () => {
  let hub: TestHub;
  before(async () => {
    // DEMO=on creates the demo organisation owning the demo naming authority (the feed starts with listen()).
    hub = await startTestHub({ DEMO: 'on' });
  });
  after(() => hub.stop());

  it('is deterministic and reports every station at its cadence', () => {
    const stations = demoStations(300);
    assert.equal(stations.length, 300);
    assert.deepEqual(demoStations(300), stations);
    assert.ok(stations.every((s) => s.lat >= 36 && s.lat <= 70 && s.lon >= -10 && s.lon <= 30));
    const t = Date.UTC(2026, 0, 1, 12, 0); // a whole ten minutes: every station reports
    const messages = demoMessages(stations, t) as any[];
    assert.equal(messages.length, 300 * 6);
    assert.deepEqual(demoMessages(stations, t), messages);
    assert.ok(messages.every((m) => m.properties.naming_authority === DEMO_NAMING_AUTHORITY));
  });

  it('backfills the last hour through the ingest path', async () => {
    const feed = startDemoFeed({
      ingest: hub.ingest,
      log: pino({ level: 'silent' }),
      stations: 20,
      backfillMinutes: 30,
    });
    await feed.backfilled;
    feed.stop();
    const counts = await hub.storage.counts();
    assert.equal(counts.stations, 20);
    assert.equal(counts.series, 20 * 6);
    assert.ok(counts.observations >= 20 * 6 * 3, `${counts.observations} observations`);
  });
});
