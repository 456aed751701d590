// The EDR conformance checklist (OGC API - EDR 1.1 requirements classes), one test per item, against a hub that
// holds data (run inside a describe of a medium test). Items that do not apply say why.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assertCoverageJson, assertValid, edrValidators } from './schemas.js';

const EDR = 'http://www.opengis.net/spec/ogcapi-edr-1';
const C = '/collections/observations';
const POINT = 'POINT(5.179705 52.0988218)';

export function runEdrConformance(app: () => FastifyInstance): void {
  const get = (url: string, headers: Record<string, string> = {}) =>
    app().inject({ method: 'GET', url, headers });
  const json = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    return res.json();
  };
  const local = (href: string) => {
    const u = new URL(href);
    return u.pathname + u.search;
  };

  it('1. GET / answers JSON with links, also with f=json and f=application/json', async () => {
    for (const url of ['/', '/?f=json', '/?f=application/json']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200);
      assert.ok(Array.isArray(res.json().links));
    }
  });

  it('2. landing links: service-desc, service-doc, conformance, data; each with href, rel, type', async () => {
    const { links } = await json('/');
    const rels = links.map((l: any) => l.rel);
    for (const rel of ['service-desc', 'service-doc', 'conformance', 'data'])
      assert.ok(rels.includes(rel), rel);
    for (const l of links)
      for (const k of ['href', 'rel', 'type']) assert.equal(typeof l[k], 'string', `${l.rel} ${k}`);
  });

  it('3. the landing page validates against the ETS and EDR 1.1 schemas', async () => {
    const doc = await json('/');
    assertValid(edrValidators.etsLandingPage, doc, 'landing page (ETS)');
    assertValid(edrValidators.landingPage, doc, 'landing page (1.1)');
  });

  it('4. service-desc answers the declared media type with an OpenAPI document; service-doc answers HTML', async () => {
    const { links } = await json('/');
    const desc = links.find((l: any) => l.rel === 'service-desc');
    const res = await get(local(desc.href));
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], desc.type);
    const doc = res.json();
    assert.match(doc.openapi, /^3\.1\./);
    assert.ok(doc.paths[`${C}/position`]);
    const docs = await get(local(links.find((l: any) => l.rel === 'service-doc').href));
    assert.ok([200, 302].includes(docs.statusCode));
    const page = docs.statusCode === 302 ? await get(String(docs.headers.location)) : docs;
    assert.match(String(page.headers['content-type']), /text\/html/);
  });

  it('5. OpenAPI: coords required string per query; datetime, parameter-name, f optional; cube bbox required', async () => {
    const doc = (await get('/openapi.json')).json();
    const param = (path: string, name: string) =>
      doc.paths[path].get.parameters.find((p: any) => p.name === name && p.in === 'query');
    for (const q of ['position', 'radius', 'area']) {
      const coords = param(`${C}/${q}`, 'coords');
      assert.equal(coords.required, true, q);
      assert.equal(coords.schema.type, 'string');
      for (const name of ['datetime', 'parameter-name', 'f'])
        assert.equal(param(`${C}/${q}`, name).required, false);
    }
    assert.equal(param(`${C}/cube`, 'bbox').required, true);
    assert.equal(param(`${C}/cube`, 'z').required, true);
    // Corridor is not offered, so its width/height rules do not apply.
    assert.equal(doc.paths[`${C}/corridor`], undefined);
  });

  it('6. /conformance lists the common and EDR core classes (1.0 and 1.1)', async () => {
    for (const url of ['/conformance', '/conformance?f=json']) {
      const doc = await json(url);
      assertValid(edrValidators.conformance, doc, 'conformance');
      assertValid(edrValidators.etsConformance, doc, 'conformance (ETS)');
      for (const c of [
        'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections',
        `${EDR}/1.1/conf/core`,
        `${EDR}/1.0/conf/core`,
      ])
        assert.ok(doc.conformsTo.includes(c), c);
    }
  });

  it('7. every claimed class is one this checklist covers; no https class URIs', async () => {
    const { conformsTo } = await json('/conformance');
    const covered = ['core', 'collections', 'json', 'geojson', 'edr-geojson', 'covjson', 'queries'];
    for (const c of conformsTo as string[]) {
      assert.ok(c.startsWith('http://'), c);
      if (c.startsWith(EDR)) assert.ok(covered.includes(c.split('/').pop()!), c);
    }
  });

  it('8. CORS on every answer; unknown path 404; wrong method 405; unsatisfiable Accept 406', async () => {
    for (const url of ['/', C, `${C}/locations`, `${C}/items/nope`])
      assert.equal((await get(url)).headers['access-control-allow-origin'], '*', url);
    assert.equal((await get('/nope')).statusCode, 404);
    const post = await app().inject({ method: 'POST', url: `${C}/position` });
    assert.equal(post.statusCode, 405);
    assert.match(String(post.headers.allow), /GET/);
    assert.equal((await get('/conformance', { accept: 'application/xml' })).statusCode, 406);
  });

  it('9. /collections: links with self (rel and type), at least one collection', async () => {
    const doc = await json('/collections');
    assert.ok(doc.collections.length >= 1);
    const self = doc.links.find((l: any) => l.rel === 'self');
    assert.equal(self.type, 'application/json');
  });

  it('10. collection ids are unique and /collections/{id} repeats id, title, extent', async () => {
    const { collections } = await json('/collections');
    const ids = collections.map((c: any) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of collections) {
      const one = await json(`/collections/${c.id}`);
      assert.equal(one.id, c.id);
      assert.equal(one.title, c.title);
      assert.deepEqual(one.extent, c.extent);
    }
  });

  it('11. an unknown collection is a 404 with a JSON body', async () => {
    const res = await get('/collections/nope');
    assert.equal(res.statusCode, 404);
    assert.ok(res.json());
  });

  it('12. the collection has links, id, extent, data_queries, parameter_names, output_formats, crs', async () => {
    const doc = await json(C);
    for (const k of ['links', 'id', 'extent', 'data_queries', 'parameter_names', 'output_formats', 'crs'])
      assert.ok(k in doc, k);
    assertValid(edrValidators.collection, doc, 'collection');
  });

  it('13. collection links have rel; a data query link exists', async () => {
    const doc = await json(C);
    for (const l of doc.links) assert.equal(typeof l.rel, 'string');
    assert.ok(Object.values<any>(doc.data_queries).some((q) => q.link.rel === 'data'));
  });

  it('14. extent: spatial bbox of 4 numbers with crs, temporal interval of RFC 3339 with trs', async () => {
    const { extent } = await json(C);
    assert.equal(extent.spatial.bbox[0].length, 4);
    assert.equal(typeof extent.spatial.crs, 'string');
    for (const t of extent.temporal.interval[0]) assert.ok(t === null || !Number.isNaN(Date.parse(t)));
    assert.equal(extent.temporal.trs, 'Gregorian');
  });

  it('15. crs names CRS84', async () => {
    const { crs } = await json(C);
    assert.ok(crs.some((c: string) => /CRS84|EPSG:4326/.test(c)));
  });

  it('16. parameter_names: Parameter objects with observedProperty id and label', async () => {
    const { parameter_names } = await json(C);
    for (const p of Object.values<any>(parameter_names)) {
      assert.equal(p.type, 'Parameter');
      assert.ok(p.observedProperty.id && p.observedProperty.label);
      if (p.observedProperty.categories) assert.equal(p.unit, undefined);
    }
  });

  it('17. data_queries: absolute href, rel, query_type equal to the key, output formats and default', async () => {
    const { data_queries } = await json(C);
    assert.ok(Object.keys(data_queries).length >= 1);
    for (const [key, q] of Object.entries<any>(data_queries)) {
      assert.ok(
        ['position', 'radius', 'area', 'cube', 'trajectory', 'corridor', 'items', 'locations'].includes(key),
      );
      assert.match(q.link.href, /^https?:\/\//);
      assert.equal(q.link.rel, 'data');
      assert.equal(q.link.variables.query_type, key);
      assert.ok(q.link.variables.output_formats.includes(q.link.variables.default_output_format));
    }
  });

  it('18. radius variables have within_units; cube variables have height_units', async () => {
    const { data_queries } = await json(C);
    assert.deepEqual(data_queries.radius.link.variables.within_units, ['km', 'm', 'mi']);
    assert.deepEqual(data_queries.cube.link.variables.height_units, ['m']);
  });

  it('19. custom dimensions have id, interval, reference and are accepted as query parameters', async () => {
    const { extent } = await json(C);
    for (const d of extent.custom) {
      assert.ok(d.id && d.interval && d.reference);
      const res = await get(`${C}/locations?${d.id}=${encodeURIComponent(String(d.values[0]))}`);
      assert.equal(res.statusCode, 200, d.id);
    }
  });

  it('20. a data query without parameters is a 400; /locations without parameters is a GeoJSON 200', async () => {
    for (const q of ['position', 'radius', 'area', 'cube'])
      assert.equal((await get(`${C}/${q}`)).statusCode, 400, q);
    const res = await get(`${C}/locations`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().type, 'FeatureCollection');
  });

  it('21. empty, malformed and wrong-type coords are 400', async () => {
    for (const coords of [
      '',
      'POINT()',
      'POLYGON()',
      'LINESTRING()',
      'LINESTRINGM()',
      'LINESTRINGZ()',
      'LINESTRINGZM()',
    ])
      assert.equal((await get(`${C}/position?coords=${coords}`)).statusCode, 400, coords);
    const wrong = await get(`${C}/position?coords=POLYGON((0 0, 1 0, 1 1, 0 0))`);
    assert.deepEqual(wrong.json(), { detail: { coords: 'Invalid geometric type: Polygon' } });
    const bad = await get(`${C}/area?coords=POLYGON((0 0, 1 0`);
    assert.deepEqual(bad.json(), {
      detail: { coords: 'Invalid or unparseable wkt provided: POLYGON((0 0, 1 0' },
    });
  });

  it('22. happy paths as the ETS builds them return Coverage', async () => {
    const { parameter_names } = await json(C);
    const first = Object.keys(parameter_names)[0]!;
    const dt = 'datetime=2022-12-31T00:00:00Z/2022-12-31T23:50:00Z';
    const urls = [
      `${C}/position?parameter-name=${first}&coords=${POINT}&crs=CRS84&f=CoverageJSON&${dt}`,
      `${C}/area?parameter-name=${first}&coords=POLYGON((4.2 51.1,6.2 51.1,6.2 53.1,4.2 53.1,4.2 51.1))&f=CoverageJSON&${dt}`,
    ];
    for (const url of urls) {
      const res = await get(url);
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, url);
      assert.match(res.body, /Coverage/);
      assertCoverageJson(res.json());
    }
  });

  it('23. POINT(lon lat) is read in CRS84 order; MULTIPOINT is refused with 400', async () => {
    assert.equal((await get(`${C}/position?coords=${POINT}`)).statusCode, 200);
    assert.equal((await get(`${C}/position?coords=POINT(52.0988218 5.179705)`)).statusCode, 404);
    assert.equal((await get(`${C}/position?coords=MULTIPOINT((5.17 52.09),(5.8 52.05))`)).statusCode, 400);
  });

  it('24. datetime forms are accepted and limit the results; garbage is 400', async () => {
    const base = `${C}/locations/0-20000-0-06260?parameter-name=air_temperature:2.0:mean:PT1M&datetime=`;
    const n = async (dt: string) => (await get(base + dt)).json().domain.axes.t.values.length;
    assert.equal(await n('2022-12-31T06:00:00Z'), 1);
    assert.equal(await n('2022-12-31T06:00:00Z/2022-12-31T07:00:00Z'), 7);
    assert.equal(await n('../2022-12-31T00:50:00Z'), 6);
    assert.equal(await n('2022-12-31T23:00:00Z/..'), 6);
    assert.equal((await get(`${base}yesterday`)).statusCode, 400);
  });

  it('25. z forms parse (observations carry no height above sea level here, so no data); garbage is 400', async () => {
    for (const z of ['850', '100/550', '10,80,200', 'R20/100/50'])
      assert.equal((await get(`${C}/position?coords=${POINT}&z=${z}`)).statusCode, 404, z);
    assert.equal((await get(`${C}/position?coords=${POINT}&z=high`)).statusCode, 400);
  });

  it('26. parameter-name selects ranges; absent returns all; an unknown name is 400', async () => {
    const one = (await get(`${C}/position?coords=${POINT}&parameter-name=wind_speed:10.0:mean:PT10M`)).json();
    assert.deepEqual(Object.keys(one.ranges), ['wind_speed:10.0:mean:PT10M']);
    const all = (await get(`${C}/position?coords=${POINT}`)).json();
    const count = (all.coverages ?? [all]).reduce((n: number, c: any) => n + Object.keys(c.ranges).length, 0);
    assert.equal(count, 30);
    assert.equal((await get(`${C}/position?coords=${POINT}&parameter-name=nope`)).statusCode, 400);
  });

  it('27. f outside output_formats is 400; no f gives the default format', async () => {
    assert.equal((await get(`${C}/position?coords=${POINT}&f=XML`)).statusCode, 400);
    const res = await get(`${C}/position?coords=${POINT}`);
    assert.equal(res.headers['content-type'], 'application/prs.coverage+json');
    // crs: only CRS84 is offered and the parameter is ignored, as in E-SOH.
  });

  it('28. radius: within and within-units are required and checked; results lie within the distance', async () => {
    assert.equal((await get(`${C}/radius?coords=${POINT}&within-units=km`)).statusCode, 400);
    assert.equal((await get(`${C}/radius?coords=${POINT}&within=5`)).statusCode, 400);
    assert.equal((await get(`${C}/radius?coords=${POINT}&within=5&within-units=ft`)).statusCode, 400);
    const doc = (
      await get(
        `${C}/radius?coords=${POINT}&within=30&within-units=km&parameter-name=air_temperature:2.0:mean:PT1M`,
      )
    ).json();
    const [lon0, lat0] = [5.179705, 52.0988218];
    for (const c of doc.coverages) {
      const [lon, lat] = [c.domain.axes.x.values[0], c.domain.axes.y.values[0]];
      const rad = Math.PI / 180;
      const a =
        Math.sin(((lat - lat0) * rad) / 2) ** 2 +
        Math.cos(lat0 * rad) * Math.cos(lat * rad) * Math.sin(((lon - lon0) * rad) / 2) ** 2;
      assert.ok(2 * 6371.0088 * Math.asin(Math.sqrt(a)) <= 30.1);
    }
  });

  it('29. cube: bbox and z are required; a 6-number bbox has its heights replaced by z', async () => {
    assert.equal((await get(`${C}/cube?z=2`)).statusCode, 400);
    assert.equal((await get(`${C}/cube?bbox=4.8,51.8,5.3,52.2`)).statusCode, 400);
    const four = await get(`${C}/cube?bbox=4.8,51.8,5.3,52.2&z=2&datetime=2022-12-31T00:00:00Z`);
    const six = await get(`${C}/cube?bbox=4.8,51.8,-100,5.3,52.2,9000&z=2&datetime=2022-12-31T00:00:00Z`);
    assert.equal(four.statusCode, 200);
    assert.equal(six.body, four.body);
  });

  it('30. corridor is not offered (404), so its parameter rules do not apply', async () => {
    assert.equal((await get(`${C}/corridor?coords=LINESTRING(0 0, 1 1)`)).statusCode, 404);
  });

  it('31. locations: feature ids are location ids with data; unknown id 404; bbox, datetime, parameter-name work', async () => {
    const doc = (
      await get(
        `${C}/locations?bbox=5.0,52.0,6.0,52.1&datetime=2022-12-31T00:00:00Z/..&parameter-name=air_temperature:2.0:mean:PT1M`,
      )
    ).json();
    for (const f of doc.features) {
      assert.ok(f.geometry.coordinates.length === 2);
      assert.equal((await get(`${C}/locations/${f.id}`)).statusCode, 200);
    }
    assert.equal((await get(`${C}/locations/0-0-0-nope`)).statusCode, 404);
  });

  it('32. items: FeatureCollection with limit (clamped, not an error), bbox, datetime; items/{id} 200 or 404', async () => {
    const big = await get(`${C}/items?bbox=4,51,7,53&limit=100000`);
    assert.equal(big.statusCode, 200);
    assert.equal(big.json().type, 'FeatureCollection');
    const small = (await get(`${C}/items?bbox=4,51,7,53&limit=3&datetime=2022-12-31T00:00:00Z/..`)).json();
    assert.equal(small.features.length, 3);
    assert.equal((await get(`${C}/items/${small.features[0].id}`)).statusCode, 200);
    assert.equal((await get(`${C}/items/nope`)).statusCode, 404);
  });

  it('33. instances are not offered', async () => {
    assert.equal((await get(`${C}/instances`)).statusCode, 404);
  });

  it('34. no data is 404 with a JSON error for every query type (too large: 413, see edr-api tests)', async () => {
    const dt = 'datetime=2000-01-01T00:00:00Z';
    for (const url of [
      `${C}/position?coords=${POINT}&${dt}`,
      `${C}/radius?coords=${POINT}&within=1&within-units=km&${dt}`,
      `${C}/area?coords=POLYGON((0 0, 1 0, 1 1, 0 0))`,
      `${C}/cube?bbox=0,0,1,1&z=2`,
      `${C}/locations/0-20000-0-06260?${dt}`,
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(res.json().detail, url);
    }
  });

  it('35. CoverageJSON answers are application/prs.coverage+json; GeoJSON answers application/geo+json', async () => {
    assert.equal(
      (await get(`${C}/position?coords=${POINT}`)).headers['content-type'],
      'application/prs.coverage+json',
    );
    assert.equal(
      (await get(`${C}/area?coords=POLYGON((4.8 51.8, 5.3 51.8, 5.3 52.2, 4.8 52.2, 4.8 51.8))`)).headers[
        'content-type'
      ],
      'application/prs.coverage+json',
    );
    assert.equal((await get(`${C}/locations`)).headers['content-type'], 'application/geo+json');
    assert.equal(
      (await get(`${C}/position?coords=${POINT}&f=GeoJSON`)).headers['content-type'],
      'application/geo+json',
    );
  });

  it('36–39. CoverageJSON answers validate and keep the semantic rules', async () => {
    for (const url of [
      `${C}/position?coords=${POINT}`,
      `${C}/area?coords=POLYGON((4.8 51.8, 5.3 51.8, 5.3 52.2, 4.8 52.2, 4.8 51.8))`,
      `${C}/radius?coords=${POINT}&within=40&within-units=km`,
      `${C}/cube?bbox=4,51,6,53&z=0/10`,
      `${C}/locations/0-20000-0-06260`,
    ]) {
      const doc = (await get(url)).json();
      assertCoverageJson(doc);
      if (doc.type === 'CoverageCollection')
        for (const c of doc.coverages) assert.equal(c.domain.domainType, 'PointSeries');
    }
  });

  it('40. GeoJSON answers validate against the ETS geojson schema', async () => {
    assertValid(edrValidators.etsGeojson, (await get(`${C}/locations`)).json(), '/locations');
    assertValid(
      edrValidators.etsGeojson,
      (await get(`${C}/position?coords=${POINT}&f=GeoJSON`)).json(),
      'position GeoJSON',
    );
  });

  it('41. /, /conformance and /collections answer application/json', async () => {
    for (const url of ['/', '/conformance', '/collections'])
      assert.equal((await get(url)).headers['content-type'], 'application/json', url);
  });
}
