// The query API with small live data (the default rolling window): the retention window on every read,
// the 413 limit, error bodies of every documented 400/404, HTML redirect, OpenAPI, and the demo feed's
// stations in /locations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import pino from 'pino';
import { startDemoFeed } from '../../src/demo/index.js';
import { databaseKind, testDatabase } from '../support/database.js';
import { openHub, startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';

const C = '/collections/observations';
const PARAM = 'air_temperature:2.0:mean:PT1M';

describe(`EDR API on live data (${databaseKind})`, () => {
  let hub: TestHub;
  const get = (url: string, headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'GET', url, headers });
  const expectError = async (url: string, status: number, body: unknown, type = 'application/json') => {
    const res = await get(url);
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    assert.equal(String(res.headers['content-type']).split(';')[0], type);
    if (type === 'application/json') assert.deepEqual(res.json(), body);
    else assert.deepEqual({ status: res.json().status, detail: res.json().detail }, body);
  };

  before(async () => {
    hub = await startTestHub({ EDR_MAX_VALUES: '50' });
  });
  after(() => hub.stop());

  it('an empty hub answers 404 with E-SOH bodies, and a collection without extent', async () => {
    await expectError(`${C}/locations`, 404, { detail: 'Query did not return any locations.' });
    await expectError(`${C}/position?coords=POINT(5 52)`, 404, { detail: 'Requested data not found.' });
    await expectError(`${C}/items?platform=0-20000-0-06260`, 404, {
      detail: 'Query did not return any time series.',
    });
    await expectError(`${C}/items/abc`, 404, { detail: 'Query did not return any time series.' });
    const doc = (await get(C)).json();
    assert.deepEqual(doc.extent.temporal.interval, [[null, null]]);
    assert.deepEqual(doc.parameter_names, {});
  });

  it('stores a little live data', async () => {
    const messages = [];
    for (let m = 0; m < 60; m++)
      messages.push(esohMessage({ datetime: minutesAgo(m), value: String(10 + m / 10) }));
    messages.push(esohMessage({ platform: '0-20000-0-06275', lat: 52.0548617826, lon: 5.8723225499118 }));
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: hub.provider.headers,
      payload: messages,
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('a corrected value changes the ETag at once (a re-sent observation is new data)', async () => {
    const at = minutesAgo(0); // an observation stored by the set-up, corrected below
    const url = `${C}/locations/0-20000-0-06260?parameter-name=${PARAM}&datetime=${at}`;
    // Under a rolling window the ETag also changes with the minute: take a pair of requests inside one.
    let etag = '';
    for (let minute = -1; minute !== Math.floor(Date.now() / 60_000);) {
      minute = Math.floor(Date.now() / 60_000);
      const before = await get(url);
      assert.equal(before.statusCode, 200, before.body);
      etag = String(before.headers.etag);
      const revalidated = await get(url, { 'if-none-match': etag });
      if (minute === Math.floor(Date.now() / 60_000)) assert.equal(revalidated.statusCode, 304);
    }
    const corrected = esohMessage({ datetime: at, value: '99.9' });
    assert.equal(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/ingest/json',
          headers: hub.provider.headers,
          payload: [corrected],
        })
      ).statusCode,
      200,
    );
    const after = await get(url, { 'if-none-match': etag });
    assert.equal(after.statusCode, 200, 'the old ETag no longer matches');
    assert.ok(after.body.includes('99.9'));
  });

  it('every documented 400 with its exact body', async () => {
    const P = 'POINT(5.1797058644882 52.098821802977)';
    const cases: [string, unknown][] = [
      [
        `${C}/position`,
        { detail: [{ type: 'missing', loc: ['query', 'coords'], msg: 'Field required', input: null }] },
      ],
      [
        `${C}/area`,
        { detail: [{ type: 'missing', loc: ['query', 'coords'], msg: 'Field required', input: null }] },
      ],
      [
        `${C}/position?coords=POINT(1)`,
        { detail: { coords: 'Invalid or unparseable wkt provided: POINT(1)' } },
      ],
      [
        `${C}/position?coords=LINESTRING(1 2, 3 4)`,
        { detail: { coords: 'Invalid geometric type: LineString' } },
      ],
      [`${C}/area?coords=${P}`, { detail: { coords: 'Invalid geometric type: Point' } }],
      [
        `${C}/position?coords=${P}&parameter-name=a:1:b:PT1M, ${PARAM},x`,
        { detail: "Unknown parameter-name ['a:1:b:PT1M', 'x']" },
      ],
      [`${C}/position?coords=${P}&datetime=today`, { detail: { datetime: 'Invalid format: today' } }],
      [`${C}/position?coords=${P}&level=two`, { detail: 'Invalid levels value: two' }],
      [`${C}/position?coords=${P}&level=R2/x/1`, { detail: 'Invalid levels repeating-interval: R2/x/1' }],
      [`${C}/position?coords=${P}&z=x`, { detail: 'Invalid levels value: x' }],
      [`${C}/position?coords=${P}&duration=PT1X`, { detail: 'Invalid ISO 8601 duration: PT1X' }],
      [`${C}/position?coords=${P}&duration=PT1H/PT1M`, { detail: 'Invalid ISO 8601 range: PT1H > PT1M' }],
      [
        `${C}/position?coords=${P}&f=XML`,
        { detail: { f: 'Unsupported format: XML; use one of CoverageJSON, GeoJSON, CSV' } },
      ],
      [`${C}/locations?bbox=1,2,3`, { detail: { bbox: 'Invalid format: 1,2,3' } }],
      [
        `${C}/locations?bbox=0,0,100,10`,
        { detail: { range: 'Maximum bbox range is 90 degrees: 0,0,100,10' } },
      ],
      [`${C}/locations?bbox=10,0,0,10`, { detail: { range: 'Invalid bbox range: 10,0,0,10' } }],
      [`${C}/locations?bbox=0,-91,10,-85`, { detail: { latitude: 'Invalid latitude: 0,-91,10,-85' } }],
      [
        `${C}/items?standard-name=air_temperature`,
        { detail: 'Have to set at least one of bbox or platform.' },
      ],
      [`${C}/items?bbox=1,2`, { detail: { bbox: 'Invalid format: 1,2' } }],
      [`${C}/locations/0-20000-0-06260?parameter-name=nope`, { detail: "Unknown parameter-name ['nope']" }],
    ];
    for (const [url, body] of cases) await expectError(url, 400, body);
    await expectError(
      `${C}/radius?coords=POINT(5 52)&within=1`,
      400,
      { status: 400, detail: 'missing query parameter: within-units' },
      'application/problem+json',
    );
    await expectError(
      `${C}/cube?bbox=x&z=1`,
      400,
      { status: 400, detail: 'Invalid format: x' },
      'application/problem+json',
    );
  });

  it('413 when the answer would exceed EDR_MAX_VALUES, before any byte of it', async () => {
    await expectError(`${C}/locations/0-20000-0-06260`, 413, {
      detail:
        'The query selects 60 values, more than the limit of 50; narrow it with datetime, parameter-name or a smaller area.',
    });
    await expectError(
      `${C}/radius?coords=POINT(5.5 52)&within=100&within-units=km`,
      413,
      {
        status: 413,
        detail:
          'The query selects 61 values, more than the limit of 50; narrow it with datetime, parameter-name or a smaller area.',
      },
      'application/problem+json',
    );
    const narrowed = await get(`${C}/locations/0-20000-0-06260?datetime=${minutesAgo(9)}/..`);
    assert.equal(narrowed.statusCode, 200);
    assert.equal(narrowed.json().domain.axes.t.values.length, 10);
  });

  it('a parameter-name is known as soon as it is stored, and stays known while queried', async () => {
    const name = 'wind_speed:10.0:mean:PT1M';
    const url = `${C}/locations/0-20000-0-06260?parameter-name=${name}`;
    await expectError(url, 400, { detail: `Unknown parameter-name ['${name}']` });
    const message = esohMessage({ standardName: 'wind_speed', unit: 'm/s', level: '10.0', value: '3.5' });
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: hub.provider.headers,
      payload: [message],
    });
    assert.equal(res.statusCode, 200, res.body);
    for (let i = 0; i < 2; i++) {
      const found = await get(url);
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(Object.keys(found.json().ranges), [name]);
    }
  });

  it('a browser is redirected to the web app; API clients get JSON', async () => {
    const browser = await get('/', {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    });
    assert.equal(browser.statusCode, 302);
    assert.equal(browser.headers.location, '/app/');
    const page = await get('/app/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(
      (await get('/', { accept: 'application/json' })).headers['content-type'],
      'application/json',
    );
    assert.equal((await get('/')).statusCode, 200);
  });

  it('OpenAPI 3.1 at /openapi.json with operation ids and examples; Swagger UI at /docs', async () => {
    const res = await get('/openapi.json');
    assert.equal(res.headers['content-type'], 'application/vnd.oai.openapi+json;version=3.1');
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    const ops = Object.values<any>(doc.paths).flatMap((p) => Object.values<any>(p).map((o) => o.operationId));
    for (const id of [
      'getLandingPage',
      'getConformance',
      'getCollections',
      'getCollection',
      'getLocations',
      'getLocation',
      'getPosition',
      'getRadius',
      'getArea',
      'getCube',
      'getItems',
      'getItem',
    ])
      assert.ok(ops.includes(id), id);
    const coords = doc.paths[`${C}/position`].get.parameters.find((p: any) => p.name === 'coords');
    assert.equal(coords.example, 'POINT(5.179705 52.0988218)');
    const names = doc.paths[`${C}/position`].get.parameters.find((p: any) => p.name === 'parameter-name');
    assert.ok(names.examples['air_temperature:*:*:*']);
    assert.ok(doc.paths[`${C}/locations/{location_id}`]);
    const ui = await get('/docs/');
    assert.equal(ui.statusCode, 200);
    assert.match(String(ui.headers['content-type']), /text\/html/);
  });

  it("the landing page keeps E-SOH's links in its order and adds the OpenAPI 3.0 rendering; both documents are valid", async () => {
    const { links } = (await get('/')).json();
    assert.deepEqual(
      links.map((l: any) => [l.rel, l.type]),
      [
        ['self', 'application/json'],
        ['service-doc', 'text/html'],
        ['service-desc', 'application/vnd.oai.openapi+json;version=3.1'],
        ['conformance', 'application/json'],
        ['data', 'application/json'],
        ['service-desc', 'application/vnd.oai.openapi+json;version=3.0'],
      ],
    );
    const docs = [];
    for (const link of links.filter((l: any) => l.rel === 'service-desc')) {
      const res = await get(new URL(link.href).pathname);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], link.type);
      const doc = res.json();
      assert.ok(doc.openapi.startsWith(`${link.type.split('version=')[1]}.`), doc.openapi);
      const { valid, errors } = await new Validator().validate(doc);
      assert.ok(valid, `${link.href}: ${JSON.stringify(errors)}`);
      docs.push(doc);
    }
    const operations = (doc: any) =>
      Object.entries<any>(doc.paths).flatMap(([path, item]) =>
        Object.entries<any>(item).map(([method, op]) => `${method} ${path} ${op.operationId}`),
      );
    const [oas31, oas30] = docs;
    assert.deepEqual(operations(oas30), operations(oas31));
    assert.equal(
      oas30.paths[`${C}/position`].get.parameters.find((p: any) => p.name === 'coords').required,
      true,
    );
  });
});

describe(`the retention window on every read (${databaseKind})`, () => {
  it('hides observations and stations older than RETENTION', async () => {
    const db = await testDatabase();
    // This test is about the retention window, not about who may write.
    const env = { ANONYMOUS_INGEST: 'on' };
    try {
      const writer = await openHub(db, { ...env, RETENTION: 'unlimited' });
      const res = await writer.app.inject({
        method: 'POST',
        url: '/ingest/json',
        payload: [
          esohMessage({ datetime: minutesAgo(180), value: '1.5' }),
          esohMessage({ datetime: minutesAgo(5), value: '2.5' }),
          esohMessage({ platform: '0-20000-0-06275', datetime: minutesAgo(200), lat: 52.05, lon: 5.87 }),
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      await writer.close();
      const reader = await openHub(db, { ...env, RETENTION: 'PT1H' });
      try {
        const get = (url: string) => reader.app.inject({ method: 'GET', url });
        const data = (await get(`${C}/locations/0-20000-0-06260`)).json();
        assert.deepEqual(data.ranges[PARAM].values, [2.5]);
        assert.equal((await get(`${C}/locations/0-20000-0-06275`)).statusCode, 404);
        const locations = (await get(`${C}/locations`)).json();
        assert.deepEqual(
          locations.features.map((f: any) => f.id),
          ['0-20000-0-06260'],
        );
        const items = (await get(`${C}/items?bbox=5,52,6,53`)).json();
        assert.equal(items.type, 'Feature');
        const collection = (await get(C)).json();
        assert.ok(Date.parse(collection.extent.temporal.interval[0][0]) >= Date.now() - 3600_000 - 60_000);
        assert.deepEqual(collection.extent.spatial.bbox, [
          [5.1797058644882, 52.098821802977, 5.1797058644882, 52.098821802977],
        ]);
        const old = await get(
          `${C}/position?coords=POINT(5.1797058644882 52.098821802977)&datetime=${minutesAgo(180)}`,
        );
        assert.equal(old.statusCode, 404);
      } finally {
        await reader.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe(`demo feed stations in /locations (${databaseKind})`, () => {
  it('lists the demo stations', async () => {
    // DEMO on: the hub creates the demo organisation, owner of the feed's naming authority.
    const hub = await startTestHub({ DEMO: 'on' });
    try {
      const feed = startDemoFeed({
        ingest: hub.ingest,
        log: pino({ level: 'silent' }),
        publicUrl: hub.config.publicUrl,
        stations: 12,
        backfillMinutes: 20,
      });
      await feed.backfilled;
      await feed.stop();
      const res = await hub.app.inject(`${C}/locations`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().features.length, 12);
      const first = res.json().features[0];
      const data = await hub.app.inject(`${C}/locations/${first.id}`);
      assert.equal(data.statusCode, 200);
    } finally {
      await hub.stop();
    }
  });
});

describe(`EDR geometry PostGIS refuses (${databaseKind})`, () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub();
    await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: hub.provider.headers,
      payload: [esohMessage({ datetime: minutesAgo(1) })],
    });
  });
  after(() => hub.stop());

  it('a polygon with an antipodal edge is a 400 naming coords, not a 500', async () => {
    const polygon = encodeURIComponent('POLYGON((-180 -90,9.6 -90,9.6 90,-180 90,-180 -90))');
    const res = await hub.app.inject(`${C}/area?coords=${polygon}`);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().detail.coords, /^PostGIS cannot use this geometry on the sphere: Antipodal/);
    const beyond = await hub.app.inject(`${C}/cube?bbox=-180,-90,9.6,90`);
    assert.ok([200, 400, 404].includes(beyond.statusCode), `cube answered ${beyond.statusCode}`);
  });
});
