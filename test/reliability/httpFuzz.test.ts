// Issue 11, reliability suite: an HTTP fuzz over every route of the hub's route table (hub.gateway.routes,
// admin and identity routes included), as every kind of caller and with forged credentials, from a fixed
// seed and a bounded count. No answer may be a 5xx (a 503 only as a problem saying the hub is busy or a
// query ran out of time); every 4xx carries a message (problem+json, E-SOH's {"detail"} on E-SOH's
// routes, OAuth's {"error"} at the OIDC provider); the hub's memory stays bounded and /health still
// answers at the end. The count follows RELIABILITY_SCALE (test/support/reliability.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { HTTPMethods, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { databaseKind } from '../support/database.js';
import { hostileBody, hostileString, hostileValue } from '../support/hostile.js';
import { postIngest, signInPeople, startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { recordFigures, scale, sized } from '../support/reliability.js';

const SEED = 20_110_011;
const COUNT = sized({ suite: 2_000, small: 3_000, full: 20_000 });
const CONCURRENCY = 4;
/** Growth ceilings over the run, measured after a full garbage collection. */
const HEAP_GROWTH_MB = 64;
const RSS_GROWTH_MB = 384;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memory() {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

type Caller = 'anonymous' | 'platform-admin' | 'maintainer' | 'org-admin' | 'org-user' | 'service' | 'forged';

/**
 * Percent-encodes text for a URL; a lone surrogate becomes the bytes WTF-8 gives it (%ED%A0%80), which is
 * not UTF-8: what a hostile client can send.
 */
function pct(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%ED%${(0xa0 | ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** Values for path parameters and the wildcard: known ids, hostile text, broken percent-encodings. */
function segment(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 3 },
    { arbitrary: hostileString().map(pct), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '%00',
        '%ff',
        '%',
        '%zz',
        '..%2f..',
        '..',
        '.',
        '%2e%2e',
        'a%00b',
        '-1',
        '0',
      ),
      weight: 2,
    },
    { arbitrary: fc.integer({ min: 1, max: 9000 }).map((n) => 'x'.repeat(n)), weight: 1 },
  );
}

/** Query values the EDR parameters parse: WKT, intervals, lists, numbers at the limits, hostile text. */
function queryValue(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileString(),
    fc.constantFrom(
      'POINT(5.1797 52.0988)',
      'POINT(5.1797 52.0988 3)',
      'POINT(200 100)',
      'POLYGON((5 52,6 52,6 53,5 53,5 52))',
      'POLYGON((5 52,6 52,6 53,5 53))',
      'POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90))',
      'MULTIPOINT((5 52),(6 53))',
      'POINT(',
      '../..',
      '..',
      '2020-01-01T00:00:00Z/..',
      `${minutesAgo(60)}/${minutesAgo(0)}`,
      'R10000/0/1',
      Array.from({ length: 200 }, () => 'R10000/0/1').join(','),
      '-180,-90,180,90',
      '5,52,6',
      'air_temperature:2.0:mean:PT1M',
      '*',
      'CoverageJSON',
      'GeoJSON',
      'csv',
      'km',
      'mi',
      '2147483648',
      '-1',
      '1e308',
      'NaN',
      '0-20000-0-06260',
    ),
    fc.integer().map(String),
    fc.double().map(String),
  );
}

interface Generated {
  routeIndex: number;
  method: string | undefined;
  caller: Caller;
  viaHeader: 'authorization' | 'x-api-key';
  params: string[];
  query: [string, string][];
  rawQuery: string | undefined;
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; value: string | Buffer };
  contentType: string | undefined;
  gzip: boolean;
}

describe(`HTTP fuzz over the route table (${databaseKind}, ${scale}: ${COUNT} requests)`, () => {
  let hub: TestHub;
  const headers: Record<Caller, Record<string, string>> = {
    anonymous: {},
    'platform-admin': {},
    maintainer: {},
    'org-admin': {},
    'org-user': {},
    service: {},
    forged: {},
  };
  const known = ['test-provider', '0-20000-0-06260', 'nl.knmi', 'no-such-id'];
  let oidcPaths: string[] = [];
  let parameterNames = new Map<string, string[]>();

  before(async () => {
    hub = await startTestHub({
      // Limits high enough that the fuzz reaches the handlers, low enough that the limiter runs.
      RATE_LIMIT_QUERY: '1000000/PT1M',
      RATE_LIMIT_INGEST: '1000000/PT1M',
      RATE_LIMIT_ADMIN: '1000000/PT1M',
      RATE_LIMIT_SIGN_IN: '1000000/PT1M',
      RATE_LIMIT_TOKEN: '1000000/PT1M',
      AUTH_FAILURE_LIMIT: '1000000/PT15M',
      RETENTION: 'PT6H',
    });
    const { people, headers: tokens } = await signInPeople(hub, 'fuzz');
    Object.assign(headers, tokens);
    known.push(...Object.values(people).map((p) => p.id));
    headers.service = { authorization: `Bearer ${hub.provider.apiKey}` };
    await hub.app.ready();
    // Some data for the queries to find: a few stations over the last hour.
    for (let station = 1; station <= 5; station++) {
      const res = await postIngest(
        hub,
        Array.from({ length: 12 }, (_, i) =>
          esohMessage({
            platform: `0-20000-0-0626${station}`,
            datetime: minutesAgo(i * 5),
            value: String(i),
          }),
        ),
      );
      assert.equal(res.statusCode, 200, res.body);
    }
    const discovery = (await hub.app.inject('/oidc/.well-known/openid-configuration')).json();
    oidcPaths = Object.entries(discovery)
      .filter(([key, value]) =>
        key.endsWith('_endpoint') || key === 'jwks_uri' ? typeof value === 'string' : false,
      )
      .map(([, value]) => new URL(value as string).pathname.replace(/^\/oidc\//, ''));
    const openapi = (await hub.app.inject('/openapi.json')).json();
    parameterNames = new Map(
      Object.entries(openapi.paths as Record<string, Record<string, any>>).map(([path, operations]) => [
        path.replace(/\{([^}]+)\}/g, ':$1'),
        [
          ...new Set(
            Object.values(operations).flatMap((op: any) =>
              (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => String(p.name)),
            ),
          ),
        ],
      ]),
    );
  });
  after(() => hub?.stop());

  function generator(routeCount: number): fc.Arbitrary<Generated> {
    const json = fc.oneof(
      { arbitrary: hostileValue(), weight: 2 },
      {
        arbitrary: fc.dictionary(
          fc.constantFrom(
            'name',
            'id',
            'username',
            'role',
            'orgId',
            'scopes',
            'password',
            'currentPassword',
            'newPassword',
            'code',
            'dataPolicy',
            'expiresAt',
            'redirectUris',
            'ingest',
            'query',
            'disabled',
            'requireTotp',
            'userId',
          ),
          hostileValue(),
          { maxKeys: 5 },
        ),
        weight: 3,
      },
      { arbitrary: fc.constant(esohMessage({ datetime: minutesAgo(2) })), weight: 1 },
    );
    return fc.record({
      routeIndex: fc.nat({ max: routeCount - 1 }),
      method: fc.option(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), {
        freq: 8,
        nil: undefined,
      }),
      caller: fc.constantFrom(...(Object.keys(headers) as Caller[])),
      viaHeader: fc.constantFrom<'authorization' | 'x-api-key'>('authorization', 'x-api-key'),
      params: fc.array(segment(known), { minLength: 3, maxLength: 3 }),
      query: fc.array(fc.tuple(fc.oneof(fc.constant(''), hostileString()), queryValue()), { maxLength: 4 }),
      rawQuery: fc.option(
        fc.constantFrom('%', '%00=%00', 'a=%ff', '&&&', '=', 'coords=%', 'z=' + '1,'.repeat(3000)),
        { freq: 6, nil: undefined },
      ),
      body: fc.oneof(
        { arbitrary: fc.constant({ kind: 'none' as const }), weight: 1 },
        { arbitrary: json.map((value) => ({ kind: 'json' as const, value })), weight: 3 },
        { arbitrary: hostileBody().map((value) => ({ kind: 'raw' as const, value })), weight: 2 },
      ),
      contentType: fc.option(
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
        ),
        { freq: 3, nil: undefined },
      ),
      gzip: fc.boolean(),
    });
  }

  it('answers every fuzzed request without a 5xx, each 4xx with a message; memory bounded; /health answers', async () => {
    const routes = hub.gateway.routes;
    assert.ok(routes.length > 60, `the route table has ${routes.length} routes`);
    const samples = fc.sample(generator(routes.length), { seed: SEED, numRuns: COUNT });
    // Every route is tried at least once: the first requests walk the table in order.
    samples.slice(0, routes.length).forEach((g, i) => (g.routeIndex = i));
    const failures: string[] = [];
    const tried = new Set<string>();
    let status5xx = 0;
    let status503 = 0;
    let status4xx = 0;

    const toRequest = (g: Generated): InjectOptions & { url: string; method: HTTPMethods } => {
      const route = routes[g.routeIndex]!;
      let i = 0;
      let path = route.url.replace(/:[A-Za-z_]+/g, () => g.params[i++ % 3]!);
      if (path.endsWith('*')) {
        const rest =
          route.url.startsWith('/oidc/') && g.params[2]!.length % 2 === 0 && oidcPaths.length
            ? oidcPaths[g.params[2]!.length % oidcPaths.length]!
            : g.params[2]!;
        path = path.slice(0, -1) + rest;
      }
      const names = parameterNames.get(route.url) ?? [];
      const query = g.query
        .map(([name, value], k) => {
          const key = names.length && k % 2 === 0 ? names[(name.length + k) % names.length]! : name;
          return `${pct(key)}=${pct(value)}`;
        })
        .concat(g.rawQuery ? [g.rawQuery] : [])
        .join('&');
      const h: Record<string, string> = {};
      if (g.caller === 'forged') {
        h[g.viaHeader] =
          g.viaHeader === 'authorization'
            ? `Bearer obh_${g.params[0]}_${g.params[1]}`
            : `obh_forged_${g.params[1]}`;
      } else if (g.caller === 'service' && g.viaHeader === 'x-api-key') {
        h['x-api-key'] = hub.provider.apiKey;
      } else Object.assign(h, headers[g.caller]);
      let payload: string | Buffer | undefined;
      if (g.body.kind === 'json') payload = JSON.stringify(g.body.value) ?? 'null';
      if (g.body.kind === 'raw') payload = g.body.value;
      if (payload !== undefined) {
        if (g.contentType) h['content-type'] = g.contentType;
        else if (g.body.kind === 'json') h['content-type'] = 'application/json';
        if (g.gzip && payload.length % 3 !== 0) {
          payload = gzipSync(payload);
          h['content-encoding'] = 'gzip';
        } else if (g.gzip) h['content-encoding'] = 'gzip'; // says gzip, is not
      }
      return {
        method: g.method ?? route.method,
        url: query ? `${path}?${query}` : path,
        headers: h,
        ...(payload !== undefined ? { payload } : {}),
      };
    };

    const check = (
      request: { url: string; method: string },
      res: Awaited<ReturnType<TestHub['app']['inject']>>,
    ) => {
      const where = `${request.method} ${request.url.slice(0, 200)}`;
      const status = res.statusCode;
      if (status >= 500) {
        if (status === 503 && String(res.headers['content-type']).startsWith('application/problem+json')) {
          status503++;
          const body = res.json();
          if (!body.detail) failures.push(`${where}: 503 without a detail: ${res.body.slice(0, 300)}`);
          return;
        }
        status5xx++;
        failures.push(`${where}: ${status} ${res.body.slice(0, 300)}`);
        return;
      }
      if (status < 400) return;
      status4xx++;
      if (request.method === 'HEAD') return;
      const type = String(res.headers['content-type'] ?? '');
      let body: any;
      try {
        body = JSON.parse(res.body);
      } catch {
        body = undefined;
      }
      const path = request.url.split('?')[0]!;
      const problem =
        type.startsWith('application/problem+json') &&
        body?.status === status &&
        typeof body.title === 'string' &&
        typeof body.detail === 'string' &&
        body.detail.length > 0;
      const esoh =
        path.startsWith('/collections/observations') &&
        type.startsWith('application/json') &&
        (typeof body?.detail === 'string'
          ? body.detail.length > 0
          : body?.detail && typeof body.detail === 'object');
      const oauth =
        path.startsWith('/oidc/') &&
        ((type.startsWith('application/json') && typeof body?.error === 'string' && body.error.length > 0) ||
          (type.startsWith('text/html') && res.body.length > 0));
      if (!problem && !esoh && !oauth) {
        failures.push(`${where}: ${status} without a message (${type}): ${res.body.slice(0, 300)}`);
      }
    };

    // Warm up (JIT, pools, caches) before the baseline.
    for (const g of samples.slice(0, 20)) await hub.app.inject(toRequest(g));
    const start = memory();
    let peakRss = start.rss;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < samples.length) {
          const g = samples[next++]!;
          let request: ReturnType<typeof toRequest>;
          try {
            request = toRequest(g);
          } catch {
            continue;
          }
          tried.add(`${routes[g.routeIndex]!.method} ${routes[g.routeIndex]!.url}`);
          let res;
          try {
            res = await hub.app.inject(request);
          } catch (err) {
            // light-my-request refuses some URLs before they reach the hub: not an answer of the hub.
            if (err instanceof TypeError || (err as { code?: string }).code === 'ERR_INVALID_URL') continue;
            throw err;
          }
          check(request, res);
          if (next % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss / 2 ** 20);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const end = memory();
    const health = await hub.app.inject('/health');
    const figures = {
      requests: samples.length,
      routes: tried.size,
      seed: SEED,
      status5xx,
      status503,
      status4xx,
      rssGrowthMb: Math.round(end.rss - start.rss),
      heapGrowthMb: Math.round(end.heap - start.heap),
      peakRssMb: Math.round(peakRss),
      seconds: Math.round(seconds),
    };
    console.log(`http fuzz: ${JSON.stringify(figures)}`);
    if (scale !== 'suite') recordFigures({ fuzz: { ...figures, database: databaseKind } });
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} bad answers`);
    assert.equal(tried.size, routes.length, 'every route of the table was tried');
    assert.equal(health.statusCode, 200);
    assert.ok(figures.heapGrowthMb < HEAP_GROWTH_MB, `heap grew ${figures.heapGrowthMb} MB`);
    assert.ok(figures.rssGrowthMb < RSS_GROWTH_MB, `RSS grew ${figures.rssGrowthMb} MB`);
  });
});
