// The real KNMI day that E-SOH's own test suite uses, loaded through POST /ingest/json as E-SOH's loader
// sends it (one gzip-able JSON array per station), on PGlite or on the PostgreSQL of DATABASE_URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { knmiFiles } from '../support/messages.js';
import { storedCounts, storedValues } from '../support/queries.js';

describe(`KNMI 2022-12-31 through the ingest API (${databaseKind})`, () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({ RETENTION: 'unlimited' });
  });
  after(() => hub.stop());

  it('stores all 181 733 observations of 55 stations in 1 264 series', async () => {
    const files = knmiFiles();
    assert.equal(files.length, 55);
    const started = performance.now();
    for (const { station, gz } of files) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/ingest/json',
        headers: { ...hub.provider.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gz,
      });
      assert.equal(res.statusCode, 200, `${station}: ${res.body}`);
      assert.deepEqual(res.json(), { status_message: 'Successfully ingested', status_code: 200 });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `# KNMI day loaded on ${databaseKind} in ${seconds.toFixed(1)} s (${Math.round(181733 / seconds)} obs/s)`,
    );
    assert.deepEqual(await storedCounts(hub.storage), { observations: 181_733, series: 1_264, stations: 55 });
  });

  it('normalises as E-SOH: De Bilt has 144 pressure values at 1.0 m, first 95.0 % humidity, last 59.0 %', async () => {
    const pressure = await storedValues(
      hub.storage,
      '0-20000-0-06260',
      'air_pressure_at_mean_sea_level:1.0:mean:PT1M',
    );
    assert.equal(pressure.length, 144);
    assert.equal(pressure[0]?.unit, 'hPa');
    assert.equal(pressure[0]?.obstimeMs, Date.UTC(2022, 11, 31, 0, 0));
    assert.equal(pressure[143]?.obstimeMs, Date.UTC(2022, 11, 31, 23, 50));
    assert.equal(pressure[0]?.lon, 5.1797058644882);
    assert.equal(pressure[0]?.lat, 52.098821802977);
    const humidity = await storedValues(hub.storage, '0-20000-0-06260', 'relative_humidity:2.0:mean:PT1M');
    assert.equal(humidity[0]?.value, 95);
    assert.equal(humidity.at(-1)?.value, 59);
  });

  it('re-sending a station is idempotent (upsert)', async () => {
    const [first] = knmiFiles();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: { ...hub.provider.headers, 'content-encoding': 'gzip' },
      payload: first!.gz,
    });
    assert.equal(res.statusCode, 200);
    assert.equal((await storedCounts(hub.storage)).observations, 181_733);
  });
});

describe(`extent of the KNMI day (${databaseKind})`, () => {
  it('is computed from the series summaries', async () => {
    const hub = await startTestHub({ RETENTION: 'unlimited' });
    try {
      for (const { gz } of knmiFiles().filter((f) =>
        ['0-20000-0-06260', '0-20000-0-78990'].includes(f.station),
      )) {
        await hub.app.inject({
          method: 'POST',
          url: '/ingest/json',
          headers: { ...hub.provider.headers, 'content-encoding': 'gzip' },
          payload: gz,
        });
      }
      assert.deepEqual(await hub.storage.series.extent(), {
        bbox: [-68.2758333, 12.13, 5.1797058644882, 52.098821802977],
        interval: [Date.UTC(2022, 11, 31, 0, 0), Date.UTC(2022, 11, 31, 23, 50)],
      });
      assert.deepEqual(await hub.storage.series.extent(Date.UTC(2023, 0, 1)), { bbox: null, interval: null });
    } finally {
      await hub.stop();
    }
  });
});
