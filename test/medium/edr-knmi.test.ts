// The KNMI day that E-SOH's own integration tests use, loaded once through POST /ingest/json as E-SOH's
// loader sends it (one gzip-able JSON array per station), on PGlite or on the PostgreSQL of DATABASE_URL:
// what was stored, then the query API on it (E-SOH's expected answers as golden files, concrete values,
// schemas, errors, formats and caching).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { runEdrConformance } from '../support/edrConformance.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { knmiFiles, knmiMessages } from '../support/messages.js';
import { storedCounts, storedValues } from '../support/queries.js';
import { assertCoverageJson, assertValid, edrValidators } from '../support/schemas.js';

const C = '/collections/observations';
const golden = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../fixtures/esoh/${name}`, import.meta.url), 'utf8'));
const DE_BILT = '0-20000-0-06260';
const DE_BILT_POINT = 'POINT(5.179705 52.0988218)';

/** E-SOH's own comparison: equal JSON, and parameters/ranges keys in the same order (test_api.py). */
function assertSameAsEsoh(
  actual: any,
  expected: any,
  ignore: (path: string[]) => boolean = () => false,
): void {
  const strip = (v: any, path: string[]): any => {
    if (Array.isArray(v)) return v.map((x, i) => strip(x, [...path, String(i)]));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !ignore([...path, k]))
          .map(([k, x]) => [k, strip(x, [...path, k])]),
      );
    return v;
  };
  assert.deepEqual(strip(actual, []), strip(expected, []));
  const keysOf = (o: any, k: string) => Object.keys(o?.[k] ?? {});
  assert.deepEqual(keysOf(actual, 'ranges'), keysOf(expected, 'ranges'));
  assert.deepEqual(keysOf(actual, 'parameters'), keysOf(expected, 'parameters'));
  (expected.coverages ?? []).forEach((c: any, i: number) => {
    assert.deepEqual(keysOf(actual.coverages[i], 'ranges'), keysOf(c, 'ranges'));
    assert.deepEqual(keysOf(actual.coverages[i], 'parameters'), keysOf(c, 'parameters'));
  });
}

describe(`EDR API on the KNMI day (${databaseKind})`, () => {
  let hub: TestHub;
  const get = (url: string, headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'GET', url, headers });
  const covjson = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    assert.equal(res.headers['content-type'], 'application/prs.coverage+json');
    const doc = res.json();
    assertCoverageJson(doc);
    return { res, doc };
  };
  const expectError = async (url: string, status: number, body: unknown) => {
    const res = await get(url);
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(res.json(), body);
    return res;
  };

  // The answers of the load, checked by the first test (the load itself runs before every test here).
  const loaded: { station: string; status: number; body: string }[] = [];
  let loadSeconds = 0;
  before(async () => {
    hub = await startTestHub({ RETENTION: 'unlimited' });
    const started = performance.now();
    for (const { station, gz } of knmiFiles()) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/ingest/json',
        headers: { ...hub.provider.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gz,
      });
      loaded.push({ station, status: res.statusCode, body: res.body });
    }
    loadSeconds = (performance.now() - started) / 1000;
  });
  after(() => hub.stop());

  describe('loading through the ingest API', () => {
    it('stores all 181 733 observations of 55 stations in 1 264 series', async () => {
      assert.equal(loaded.length, 55);
      for (const { station, status, body } of loaded) {
        assert.equal(status, 200, `${station}: ${body}`);
        assert.deepEqual(JSON.parse(body), { status_message: 'Successfully ingested', status_code: 200 });
      }
      console.log(
        `# KNMI day loaded on ${databaseKind} in ${loadSeconds.toFixed(1)} s (${Math.round(181733 / loadSeconds)} obs/s)`,
      );
      assert.deepEqual(await storedCounts(hub.storage), {
        observations: 181_733,
        series: 1_264,
        stations: 55,
      });
    });

    it('normalises as E-SOH: De Bilt has 144 pressure values at 1.0 m, first 95.0 % humidity, last 59.0 %', async () => {
      const pressure = await storedValues(
        hub.storage,
        DE_BILT,
        'air_pressure_at_mean_sea_level:1.0:mean:PT1M',
      );
      assert.equal(pressure.length, 144);
      assert.equal(pressure[0]?.unit, 'hPa');
      assert.equal(pressure[0]?.obstimeMs, Date.UTC(2022, 11, 31, 0, 0));
      assert.equal(pressure[143]?.obstimeMs, Date.UTC(2022, 11, 31, 23, 50));
      assert.equal(pressure[0]?.lon, 5.1797058644882);
      assert.equal(pressure[0]?.lat, 52.098821802977);
      const humidity = await storedValues(hub.storage, DE_BILT, 'relative_humidity:2.0:mean:PT1M');
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

    it('computes the extent from the series summaries', async () => {
      const bbox = [Infinity, Infinity, -Infinity, -Infinity];
      for (const { station } of knmiFiles()) {
        for (const m of knmiMessages(station)) {
          const lon = Number(m.geometry.coordinates.lon);
          const lat = Number(m.geometry.coordinates.lat);
          bbox[0] = Math.min(bbox[0]!, lon);
          bbox[1] = Math.min(bbox[1]!, lat);
          bbox[2] = Math.max(bbox[2]!, lon);
          bbox[3] = Math.max(bbox[3]!, lat);
        }
      }
      assert.deepEqual(await hub.storage.series.extent(), {
        bbox,
        interval: [Date.UTC(2022, 11, 31, 0, 0), Date.UTC(2022, 11, 31, 23, 50)],
      });
      assert.deepEqual(await hub.storage.series.extent(Date.UTC(2023, 0, 1)), { bbox: null, interval: null });
    });
  });

  describe("E-SOH's integration tests (golden files)", () => {
    it('position with one parameter and a closed interval', async () => {
      const { res, doc } = await covjson(
        `${C}/position?coords=${DE_BILT_POINT}&parameter-name=air_temperature:1.5:maximum:PT10M&datetime=2022-12-31T00:50:00Z/2022-12-31T02:10:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_position_one_location_with_one_parameter.json'));
      assert.match(res.body, /"metocean:level":1\.5/);
      assert.match(res.body, /"values":\[12\.1,12\.1,12\.0,12\.0,11\.9/);
      assert.match(res.body, /"x":\{"values":\[5\.1797058644882\]\},"y":\{"values":\[52\.098821802977\]\}/);
    });

    it('position filtered by every custom dimension gives the same answer', async () => {
      const { doc } = await covjson(
        `${C}/position?coords=${DE_BILT_POINT}&standard_name=air_temperature&level=1.5&method=maximum&duration=PT10M&datetime=2022-12-31T00:50:00Z/2022-12-31T02:10:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_position_one_location_with_one_parameter.json'));
    });

    it('a station with custom-dimension lists and ranges gives the same answer', async () => {
      const { doc } = await covjson(
        `${C}/locations/${DE_BILT}?standard_name=air_temperature, wind_speed, dew_point_temperature, duration_of_sunshine&level=0/1.8&method=maximum, point&duration=PT1M/PT10M&datetime=2022-12-31T00:50:00Z/2022-12-31T02:10:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_position_one_location_with_one_parameter.json'));
    });

    it('position with a repeating level interval, a duration and an instant', async () => {
      const { res, doc } = await covjson(
        `${C}/position?coords=${DE_BILT_POINT}&level=R6/1.5/0.1&duration=PT1M&datetime=2022-12-31T00:00:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_position_one_location_with_three_parameters.json'));
      assert.match(res.body, /"values":\[95\.0\]/, 'floats keep their decimal point');
    });

    it('area with two parameters, and with standard names: a CoverageCollection of two stations', async () => {
      const polygon = 'POLYGON((5.0 52.0, 6.0 52.0,6.0 52.1,5.0 52.1, 5.0 52.0))';
      for (const query of [
        'parameter-name=relative_humidity:2.0:mean:PT1M ,   wind_speed:10.0:mean:PT10M',
        'standard_name=relative_humidity, wind_speed',
      ]) {
        const { res, doc } = await covjson(
          `${C}/area?coords=${polygon}&${query}&datetime=2022-12-31T22:50:00Z/..`,
        );
        assertSameAsEsoh(doc, golden('data_area_two_locations_with_two_parameters.json'));
        assert.deepEqual(Object.keys(doc), ['type', 'coverages', 'parameters']);
        assert.match(res.body, /"values":\[56\.0,56\.0,55\.0,58\.0,56\.0,56\.0,57\.0\]/);
      }
    });

    it('a station with three parameters (spaces around names) and an open-start interval', async () => {
      const { res, doc } = await covjson(
        `${C}/locations/${DE_BILT}?parameter-name=air_temperature:1.5:maximum:PT10M , wind_from_direction:2.0:mean:PT10M,relative_humidity:2.0:mean:PT1M&datetime=../2022-12-31T01:10:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_locations_one_location_with_three_parameters.json'));
      assert.match(res.body, /"values":\[224\.3,226\.0,228\.3/);
    });

    it('a station with an open duration range and an instant', async () => {
      const { doc } = await covjson(
        `${C}/locations/${DE_BILT}?duration=PT6H/..&datetime=2022-12-31T00:00:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_locations_one_location_with_multiple_parameters.json'));
    });

    it('area with a wildcard parameter-name', async () => {
      const { doc } = await covjson(
        `${C}/area?coords=POLYGON((4.0 52.4, 4.7 52.4,4.7 52.6,4.0 52.6, 4.0 52.4))&parameter-name=air_temperature:2.0:*:PT6H&datetime=2022-12-31T00:00:00Z`,
      );
      assertSameAsEsoh(doc, golden('data_area_one_location_with_parameter_with_wildcard.json'));
    });

    it('items of one platform, by bbox and by platform', async () => {
      const ignoreData = (p: string[]) =>
        p.length === 4 && p[0] === 'features' && p[2] === 'properties' && p[3] === 'data';
      for (const url of [`${C}/items?bbox=4.5,52.4,4.6,52.57`, `${C}/items?platform=0-20000-0-06225`]) {
        const res = await get(url);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/geo+json');
        assertSameAsEsoh(res.json(), golden('items_within_area_single_platform.json'), ignoreData);
      }
    });

    it('items by bbox and parameter-name, and by id', async () => {
      const ignoreData = (p: string[]) => p.join('/') === 'properties/data';
      for (const url of [
        `${C}/items?bbox=5.7,52.0,6.0,52.059&parameter-name=air_temperature:2.0:minimum:PT12H`,
        `${C}/items/20bf5cc13b08b4c1d737966b64d0aea5`,
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/geo+json');
        assertSameAsEsoh(res.json(), golden('items_area_with_one_parameter_name.json'), ignoreData);
        assert.deepEqual(Object.keys(res.json().properties), [
          ...Object.keys(golden('items_area_with_one_parameter_name.json').properties),
          'data',
        ]);
        assert.match(res.body, /"level":2\.0,/);
      }
    });

    it('error bodies', async () => {
      await expectError(
        `${C}/locations/does-not-exist?parameter-name=does-not-exist`,
        400,
        golden('400_unknown_parameter_name.json'),
      );
      await expectError(
        `${C}/locations/0-20000-0-06257?standard_name=wind_from_direction`,
        404,
        golden('404_not_found.json'),
      );
      await expectError(
        `${C}/area?coords=POLYGON((4.0 52.4, 4.7 52.4,4.7 52.6,4.0 52.6, 4.0 52.4))&duration=PT7H/PT7H`,
        404,
        golden('404_not_found.json'),
      );
      await expectError(
        `${C}/items?parameter-name=this_parameter_name_does_not_exist`,
        400,
        golden('items_no_bbox_or_platform.json'),
      );
      await expectError(
        `${C}/items?bbox=-49.394531,22.593726,-36.386719,31.503629`,
        404,
        golden('items_no_data_found.json'),
      );
    });

    it('the order of parameter names in the request does not matter', async () => {
      const a = await get(
        `${C}/locations/${DE_BILT}?parameter-name= wind_from_direction:2.0:mean:PT10M,wind_speed:10.0:mean:PT10M ,  relative_humidity:2.0:mean:PT1M`,
      );
      const b = await get(
        `${C}/locations/${DE_BILT}?parameter-name= relative_humidity:2.0:mean:PT1M, wind_speed:10.0:mean:PT10M,   wind_from_direction:2.0:mean:PT10M    `,
      );
      assert.equal(a.statusCode, 200);
      assert.equal(a.body, b.body);
    });
  });

  describe('concrete answers', () => {
    it('De Bilt has 30 series of 144 observations each, first humidity 95.0 and last 59.0', async () => {
      const { doc } = await covjson(`${C}/locations/${DE_BILT}`);
      const coverages = doc.type === 'CoverageCollection' ? doc.coverages : [doc];
      const ranges = coverages.flatMap((c: any) => Object.entries<any>(c.ranges));
      assert.equal(ranges.length, 30);
      for (const [, r] of ranges) assert.deepEqual(r.shape, [144, 1, 1]);
      const rh = ranges.find(([k]: [string]) => k === 'relative_humidity:2.0:mean:PT1M')![1];
      assert.equal(rh.values[0], 95);
      assert.equal(rh.values[143], 59);
      for (const c of coverages) {
        assert.equal(c['metocean:wigosId'], DE_BILT);
        assert.equal(c.domain.axes.t.values[0], '2022-12-31T00:00:00Z');
        assert.equal(c.domain.axes.t.values[143], '2022-12-31T23:50:00Z');
      }
    });

    it('a polygon around De Bilt returns exactly the stations inside it', async () => {
      const { doc } = await covjson(
        `${C}/area?coords=POLYGON((4.8 51.8, 5.3 51.8, 5.3 52.2, 4.8 52.2, 4.8 51.8))&parameter-name=air_temperature:2.0:mean:PT1M`,
      );
      assert.equal(doc.type, 'CoverageCollection');
      assert.deepEqual(
        doc.coverages.map((c: any) => c['metocean:wigosId']),
        ['0-20000-0-06356', '0-20000-0-06348', '0-20000-0-06260'], // sorted by latitude
      );
      assert.deepEqual(Object.keys(doc.parameters), ['air_temperature:2.0:mean:PT1M']);
    });

    it('a wildcard parameter-name returns the matching set', async () => {
      const { doc } = await covjson(
        `${C}/locations/${DE_BILT}?parameter-name=air_temperature:*:minimum:*&datetime=2022-12-31T12:00:00Z`,
      );
      const names = (doc.type === 'CoverageCollection' ? doc.coverages : [doc]).flatMap((c: any) =>
        Object.keys(c.ranges),
      );
      assert.deepEqual(names.sort(), [
        'air_temperature:0.0:minimum:PT12H',
        'air_temperature:0.0:minimum:PT14H',
        'air_temperature:0.0:minimum:PT6H',
        'air_temperature:0.1:minimum:PT10M',
        'air_temperature:1.5:minimum:PT10M',
        'air_temperature:2.0:minimum:PT12H',
        'air_temperature:2.0:minimum:PT14H',
        'air_temperature:2.0:minimum:PT6H',
      ]);
    });

    it('datetime: an instant, closed and open intervals, inclusive at both ends', async () => {
      const times = async (datetime: string) => {
        const { doc } = await covjson(
          `${C}/locations/${DE_BILT}?parameter-name=relative_humidity:2.0:mean:PT1M&datetime=${datetime}`,
        );
        return doc.domain.axes.t.values as string[];
      };
      assert.deepEqual(await times('2022-12-31T12:00:00Z'), ['2022-12-31T12:00:00Z']);
      assert.deepEqual(await times('2022-12-31T12:00:00%2B01:00'), ['2022-12-31T11:00:00Z']);
      assert.deepEqual(await times('2022-12-31T12:00:00Z/2022-12-31T12:30:00Z'), [
        '2022-12-31T12:00:00Z',
        '2022-12-31T12:10:00Z',
        '2022-12-31T12:20:00Z',
        '2022-12-31T12:30:00Z',
      ]);
      assert.deepEqual(await times('../2022-12-31T00:10:00Z'), [
        '2022-12-31T00:00:00Z',
        '2022-12-31T00:10:00Z',
      ]);
      assert.deepEqual(await times('2022-12-31T23:40:00Z/..'), [
        '2022-12-31T23:40:00Z',
        '2022-12-31T23:50:00Z',
      ]);
      await expectError(`${C}/locations/${DE_BILT}?datetime=2022-12-31T12:00:00`, 400, {
        detail: { datetime: 'Invalid format: 2022-12-31T12:00:00' },
      });
      await expectError(`${C}/locations/${DE_BILT}?datetime=2022-12-31T12:00:00Z/2022-12-31T11:00:00Z`, 400, {
        detail: { datetime: 'Invalid range: 2022-12-31T12:00:00Z > 2022-12-31T11:00:00Z' },
      });
    });

    it('/locations: 55 stations sorted by WIGOS id with their parameters', async () => {
      const res = await get(`${C}/locations`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/geo+json');
      const doc = res.json();
      assert.equal(doc.features.length, 55);
      const ids = doc.features.map((f: any) => f.id);
      assert.deepEqual(ids, [...ids].sort());
      assert.equal(Object.keys(doc.parameters).length, 32);
      assertValid(edrValidators.etsGeojson, doc, '/locations');
      const deBilt = doc.features.find((f: any) => f.id === DE_BILT);
      assert.equal(deBilt.properties.name, 'DE BILT AWS');
      assert.equal(deBilt.properties['parameter-name'].length, 30);
      assert.match(res.body, /"coordinates":\[5\.1797058644882,52\.098821802977\]/);
    });

    it('/locations in a bbox with filters (E-SOH tests)', async () => {
      const bbox = '5.0,52.0,6.0,52.1';
      const two = await get(
        `${C}/locations?bbox=${bbox}&parameter-name=air_temperature:0.1:minimum:PT10M, air_pressure_at_mean_sea_level:1.0:mean:PT1M`,
      );
      const same = await get(`${C}/locations?bbox=${bbox}&method=minimum, mean&level=0.1, 1.0`);
      assert.equal(two.statusCode, 200);
      assert.equal(two.body, same.body);
      const doc = two.json();
      assert.deepEqual(
        doc.features.map((f: any) => f.id),
        [DE_BILT, '0-20000-0-06275'],
      );
      assert.deepEqual(Object.keys(doc.parameters), [
        'air_pressure_at_mean_sea_level:1.0:mean:PT1M',
        'air_temperature:0.1:minimum:PT10M',
      ]);
      const all = (await get(`${C}/locations?bbox=${bbox}`)).json();
      assert.equal(all.features[0].properties['parameter-name'].length, 30);
      const ignored = await get(`${C}/locations?bbox=${bbox}&durations=PT0S/PT24H&levels=../10.0`);
      assert.equal(
        ignored.body,
        (await get(`${C}/locations?bbox=${bbox}`)).body,
        'unknown parameters are ignored',
      );
      const five = (
        await get(
          `${C}/locations?bbox=${bbox}&standard_name=air_temperature, wind_from_direction&duration=PT10M, PT1M&datetime=2022-12-31T00:50:00Z/2022-12-31T02:10:00Z`,
        )
      ).json();
      assert.deepEqual(Object.keys(five.parameters), [
        'air_temperature:0.1:minimum:PT10M',
        'air_temperature:1.5:maximum:PT10M',
        'air_temperature:1.5:minimum:PT10M',
        'air_temperature:2.0:mean:PT1M',
        'wind_from_direction:2.0:mean:PT10M',
      ]);
    });

    it('/collections/observations: extents, dimensions and parameters from the summaries', async () => {
      const res = await get(C);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/json');
      const doc = res.json();
      assert.deepEqual(doc.extent.spatial.bbox, [[-68.2758333, 12.13, 7.1493220605216, 55.399166666667]]);
      assert.deepEqual(doc.extent.temporal.interval, [['2022-12-31T00:00:00Z', '2022-12-31T23:50:00Z']]);
      assert.deepEqual(doc.extent.temporal.values, ['2022-12-31T00:00:00Z/2022-12-31T23:50:00Z']);
      const custom = Object.fromEntries(doc.extent.custom.map((c: any) => [c.id, c.values]));
      assert.equal(custom.standard_name.length, 15);
      assert.deepEqual(custom.level, [0, 0.1, 1, 1.5, 1.8, 2, 2.5, 10]);
      assert.match(res.body, /"values":\[0\.0,0\.1,1\.0,1\.5,1\.8,2\.0,2\.5,10\.0\]/);
      assert.deepEqual(custom.method, ['maximum', 'mean', 'minimum', 'point']);
      assert.deepEqual(custom.duration, ['PT0S', 'PT1M', 'PT10M', 'PT6H', 'PT12H', 'PT14H', 'PT24H']);
      assert.equal(Object.keys(doc.parameter_names).length, 32);
      assert.deepEqual(Object.keys(doc.parameter_names), Object.keys(doc.parameter_names).sort());
      assert.deepEqual(doc.parameter_names['air_temperature:0.1:minimum:PT10M'], {
        type: 'Parameter',
        label: 'Air temperature',
        description: "Air temperature at 0.1m, aggregated over PT10M with method 'minimum'",
        unit: { label: 'Cel', symbol: { type: 'https://qudt.org/vocab/unit/DEG_C', value: '°C' } },
        observedProperty: {
          id: 'https://vocab.nerc.ac.uk/standard_name/air_temperature',
          label: 'Air temperature',
        },
        measurementType: { method: 'minimum', duration: 'PT10M' },
        'metocean:standard_name': 'air_temperature',
        'metocean:level': 0.1,
      });
      assertValid(edrValidators.collection, doc, 'collection');
      // E-SOH's keys in E-SOH's order, then what obshub adds for OGC API - Features clients.
      assert.deepEqual(Object.keys(doc), [
        'id',
        'title',
        'links',
        'extent',
        'data_queries',
        'crs',
        'output_formats',
        'parameter_names',
        'itemType',
      ]);
      assert.equal(doc.itemType, 'feature');
      const all = (await get('/collections')).json();
      // E-SOH's one collection first; then the OGC API - Records collection, which the EDR schema (EDR
      // collections only) does not describe.
      assert.deepEqual(
        all.collections.map((c: any) => c.id),
        ['observations', 'discovery-metadata'],
      );
      assertValid(edrValidators.collections, { ...all, collections: [all.collections[0]] }, 'collections');
      const [entry, records] = all.collections;
      entry.links[0].rel = 'self';
      assert.deepEqual(
        entry,
        doc,
        '/collections/observations equals its /collections entry but for rel self',
      );
      assert.deepEqual(records, (await get('/collections/discovery-metadata')).json());
      assert.equal(records.itemType, 'record');
    });

    it('items: by platform, datetime, converted level and period, paging with next links', async () => {
      const all = (await get(`${C}/items?platform=0-20000-0-06225`)).json();
      assert.equal(all.type, 'FeatureCollection');
      const ids = all.features.map((f: any) => f.id);
      assert.deepEqual(ids, [...ids].sort());
      const viaBbox = (await get(`${C}/items?bbox=4.5,52.4,4.6,52.57`)).json();
      assert.deepEqual(
        viaBbox.features.map((f: any) => f.id),
        ids,
      );
      const level = (await get(`${C}/items?platform=${DE_BILT}&level=10.0`)).json();
      assert.deepEqual(level.features.map((f: any) => f.properties.parameter_name).sort(), [
        'wind_speed:10.0:mean:PT10M',
        'wind_speed_of_gust:10.0:maximum:PT10M',
      ]);
      const period = (await get(`${C}/items?platform=${DE_BILT}&period=PT24H`)).json();
      assert.deepEqual(period.features.map((f: any) => f.properties.parameter_name).sort(), [
        'air_temperature:2.0:maximum:PT24H',
        'rainfall_amount:2.0:point:PT24H',
      ]);
      await expectError(
        `${C}/items?platform=${DE_BILT}&datetime=2023-01-01T00:00:00Z/..`,
        404,
        golden('items_no_data_found.json'),
      );
      const page1 = (await get(`${C}/items?platform=${DE_BILT}&limit=20`)).json();
      assert.equal(page1.features.length, 20);
      const next = page1.links.find((l: any) => l.rel === 'next');
      const page2 = (await get(new URL(next.href).pathname + new URL(next.href).search)).json();
      assert.equal(page2.features.length, 10);
      assert.equal(page2.links.length, 0);
      const every = (await get(`${C}/items?platform=${DE_BILT}`)).json();
      assert.deepEqual([...page1.features, ...page2.features], every.features);
    });
  });

  describe('beyond E-SOH', () => {
    it('radius: stations within a distance, in km, m or mi', async () => {
      const stations = async (within: string, units: string) => {
        const { doc } = await covjson(
          `${C}/radius?coords=${DE_BILT_POINT}&within=${within}&within-units=${units}&parameter-name=air_temperature:2.0:mean:PT1M&datetime=2022-12-31T12:00:00Z`,
        );
        return (doc.type === 'CoverageCollection' ? doc.coverages : [doc])
          .map((c: any) => c['metocean:wigosId'])
          .sort();
      };
      assert.deepEqual(await stations('30', 'km'), ['0-20000-0-06260', '0-20000-0-06348', '0-20000-0-06356']);
      assert.deepEqual(await stations('40000', 'm'), [
        '0-20000-0-06240',
        '0-20000-0-06260',
        '0-20000-0-06348',
        '0-20000-0-06356',
      ]);
      assert.deepEqual(await stations('1', 'mi'), [DE_BILT]);
      for (const [query, detail] of [
        [`coords=${DE_BILT_POINT}&within-units=km`, 'missing query parameter: within'],
        [`coords=${DE_BILT_POINT}&within=10`, 'missing query parameter: within-units'],
        [
          `coords=${DE_BILT_POINT}&within=10&within-units=furlong`,
          'within-units must be one of km, m, mi, not "furlong"',
        ],
        [
          `coords=${DE_BILT_POINT}&within=x&within-units=km`,
          'within must be a distance of 0 or more, not "x"',
        ],
        ['within=10&within-units=km&coords=POLYGON((0 0, 1 0, 1 1, 0 0))', 'Invalid geometric type: Polygon'],
      ]) {
        const res = await get(`${C}/radius?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(res.json().detail, detail);
      }
    });

    it('cube: a box and sensor heights', async () => {
      const { doc } = await covjson(`${C}/cube?bbox=4.8,51.8,5.3,52.2&z=10&datetime=2022-12-31T12:00:00Z`);
      const names = doc.coverages.flatMap((c: any) => Object.keys(c.ranges));
      assert.ok(names.length > 0 && names.every((n: string) => n.includes(':10.0:')));
      assert.deepEqual([...new Set(doc.coverages.map((c: any) => c['metocean:wigosId']))].sort(), [
        '0-20000-0-06260',
        '0-20000-0-06348',
        '0-20000-0-06356',
      ]);
      for (const [query, detail] of [
        ['z=10', 'missing query parameter: bbox'],
        ['bbox=4.8,51.8,5.3,52.2', 'missing query parameter: z'],
        ['bbox=4.8,51.8&z=10', 'Invalid format: 4.8,51.8'],
      ]) {
        const res = await get(`${C}/cube?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.equal(res.json().detail, detail);
      }
    });

    it('f=GeoJSON and f=CSV; an unknown f is a 400 naming the formats', async () => {
      const q = `${C}/locations/${DE_BILT}?parameter-name=air_temperature:2.0:mean:PT1M,relative_humidity:2.0:mean:PT1M&datetime=2022-12-31T00:00:00Z/2022-12-31T00:10:00Z`;
      const geo = await get(`${q}&f=GeoJSON`);
      assert.equal(geo.headers['content-type'], 'application/geo+json');
      const fc = geo.json();
      assert.equal(fc.features.length, 2);
      assert.deepEqual(fc.features[0].properties, {
        wigos_id: DE_BILT,
        datetime: '2022-12-31T00:00:00Z',
        'air_temperature:2.0:mean:PT1M': 12.1,
        'relative_humidity:2.0:mean:PT1M': 95,
      });
      assertValid(edrValidators.etsGeojson, fc, 'GeoJSON answer');
      const csv = await get(`${q}&f=CSV`);
      assert.equal(csv.headers['content-type'], 'text/csv');
      assert.deepEqual(csv.body.trim().split('\r\n'), [
        'wigos_id,longitude,latitude,parameter_name,datetime,value,unit',
        `${DE_BILT},5.1797058644882,52.098821802977,air_temperature:2.0:mean:PT1M,2022-12-31T00:00:00Z,12.1,Cel`,
        `${DE_BILT},5.1797058644882,52.098821802977,air_temperature:2.0:mean:PT1M,2022-12-31T00:10:00Z,12.1,Cel`,
        `${DE_BILT},5.1797058644882,52.098821802977,relative_humidity:2.0:mean:PT1M,2022-12-31T00:00:00Z,95.0,%`,
        `${DE_BILT},5.1797058644882,52.098821802977,relative_humidity:2.0:mean:PT1M,2022-12-31T00:10:00Z,94.0,%`,
      ]);
      await expectError(`${q}&f=NetCDF`, 400, {
        detail: { f: 'Unsupported format: NetCDF; use one of CoverageJSON, GeoJSON, CSV' },
      });
    });

    it('ETag, Last-Modified, 304 and Cache-Control', async () => {
      const url = `${C}/locations/${DE_BILT}?parameter-name=air_temperature:2.0:mean:PT1M`;
      const first = await get(url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^W\/".+"$/);
      assert.ok(first.headers['last-modified']);
      assert.equal(first.headers['cache-control'], 'public, max-age=60');
      const again = await get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const since = await get(url, { 'if-modified-since': String(first.headers['last-modified']) });
      assert.equal(since.statusCode, 304);
      const other = await get(`${url}&datetime=2022-12-31T00:00:00Z`);
      assert.notEqual(other.headers.etag, etag);
      for (const path of [
        '/',
        '/conformance',
        '/collections',
        C,
        `${C}/locations`,
        `${C}/items?platform=${DE_BILT}`,
      ])
        assert.ok((await get(path)).headers.etag, `${path} has an ETag`);
      const error = await get(`${C}/locations/${DE_BILT}?parameter-name=nope`);
      assert.equal(error.headers.etag, undefined);
      assert.equal(error.headers['cache-control'], 'no-store');
    });

    it('brotli and gzip', async () => {
      const url = `${C}/locations/${DE_BILT}`;
      const plain = await get(url);
      const br = await get(url, { 'accept-encoding': 'br' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
      const gz = await get(url, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 4);
    });

    it('a large area answer streams as a valid CoverageCollection of every station', async () => {
      const { doc } = await covjson(`${C}/area?coords=POLYGON((-70 10, 10 10, 10 60, -70 60, -70 10))`);
      assert.equal(new Set(doc.coverages.map((c: any) => c['metocean:wigosId'])).size, 55);
      const values = doc.coverages.reduce(
        (n: number, c: any) => n + Object.values<any>(c.ranges).reduce((m, r) => m + r.values.length, 0),
        0,
      );
      assert.equal(values, 181_733);
    });
  });

  describe('EDR conformance checklist (reference/edr.md)', () => {
    runEdrConformance(() => hub.app);
  });
});
