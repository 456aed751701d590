// The authorisation matrix, generated from the route table (hub.gateway.routes): every route × every role
// and anonymous, asserting the exact status. A caller whose role lacks the route's permission (src/core/
// access.ts) gets 401 (anonymous) or 403; one that holds it gets the status the request itself earns (200,
// or 400/404 for a deliberately bad body or unknown id), never 401/403. Each route needs an entry in
// `requests` below, so a new route without one fails this test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { can, system, type Permission } from '../../src/core/access.js';
import type { RoutePermission } from '../../src/gateway/index.js';
import { databaseKind } from '../support/database.js';
import { signInPeople, startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';

type Caller =
  'anonymous' | 'platform-admin' | 'maintainer' | 'org-admin' | 'org-user' | 'service' | 'org-admin read key';

const callers: Caller[] = [
  'anonymous',
  'platform-admin',
  'maintainer',
  'org-admin',
  'org-user',
  'service',
  'org-admin read key',
];

interface RequestSpec {
  /** The concrete URL (path parameters filled in). */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The status of a caller allowed by the route's permission. */
  ok: number;
}

const ORG = 'test-provider';
const BUFR = readFileSync(new URL('../../packages/bufr/corpus/synop-307096-06260.bufr', import.meta.url));
const BUFR_TYPE = { 'content-type': 'application/bufr' };
const C = '/collections/observations';

/** One request per route of the table, keyed `METHOD url-pattern`. */
function requests(): Record<string, RequestSpec> {
  const specs: Record<string, RequestSpec> = {
    'GET /docs/': { url: '/docs/', ok: 200 },
    'GET /docs/static/index.html': { url: '/docs/static/index.html', ok: 302 },
    'GET /docs/static/swagger-initializer.js': { url: '/docs/static/swagger-initializer.js', ok: 200 },
    'GET /docs/json': { url: '/docs/json', ok: 200 },
    'GET /docs/yaml': { url: '/docs/yaml', ok: 200 },
    'GET /docs/static/*': { url: '/docs/static/swagger-ui.css', ok: 200 },
    'GET /health': { url: '/health', ok: 200 },
    'GET /ready': { url: '/ready', ok: 200 },
    'POST /ingest/json': { url: '/ingest/json', body: [esohMessage()], ok: 200 },
    'POST /json': { url: '/json', body: [esohMessage()], ok: 200 },
    // The corpus file is of 2022, outside the hub's retention window: 422 once past the guard.
    'POST /ingest/bufr': { url: '/ingest/bufr', body: BUFR, headers: BUFR_TYPE, ok: 422 },
    'POST /bufr': { url: '/bufr', body: BUFR, headers: BUFR_TYPE, ok: 422 },
    'GET /': { url: '/', ok: 200 },
    'GET /app': { url: '/app', ok: 301 },
    'GET /app/': { url: '/app/', ok: 200 },
    'GET /app/*': { url: '/app/account', ok: 200 },
    'GET /openapi.json': { url: '/openapi.json', ok: 200 },
    'GET /openapi-3.0.json': { url: '/openapi-3.0.json', ok: 200 },
    'GET /conformance': { url: '/conformance', ok: 200 },
    'GET /collections': { url: '/collections', ok: 200 },
    [`GET ${C}`]: { url: C, ok: 200 },
    [`GET ${C}/locations`]: { url: `${C}/locations`, ok: 200 },
    [`GET ${C}/latest`]: { url: `${C}/latest`, ok: 200 },
    [`GET ${C}/position`]: { url: `${C}/position?coords=POINT(5.1797 52.0988)`, ok: 200 },
    [`GET ${C}/radius`]: {
      url: `${C}/radius?coords=POINT(5.1797 52.0988)&within=10&within-units=km`,
      ok: 200,
    },
    [`GET ${C}/area`]: { url: `${C}/area?coords=POLYGON((5 52,6 52,6 53,5 53,5 52))`, ok: 200 },
    [`GET ${C}/cube`]: { url: `${C}/cube?bbox=5,52,6,53&z=0/1000`, ok: 200 },
    [`GET ${C}/locations/:location_id`]: { url: `${C}/locations/0-20000-0-06260`, ok: 200 },
    [`GET ${C}/items`]: { url: `${C}/items?platform=0-20000-0-06260`, ok: 200 },
    [`GET ${C}/items/:item_id`]: { url: `${C}/items/no-such-series`, ok: 404 },
    [`GET ${C}/dataset`]: { url: `${C}/dataset`, ok: 200 },
    'GET /collections/discovery-metadata': { url: '/collections/discovery-metadata', ok: 200 },
    'GET /collections/discovery-metadata/items': { url: '/collections/discovery-metadata/items', ok: 200 },
    'GET /collections/discovery-metadata/items/:recordId': {
      url: '/collections/discovery-metadata/items/no-such-record',
      ok: 404,
    },

    'GET /api/v1/me': { url: '/api/v1/me', ok: 200 },
    'PUT /api/v1/me/password': { url: '/api/v1/me/password', body: {}, ok: 400 },
    'POST /api/v1/me/totp': { url: '/api/v1/me/totp', ok: 201 },
    'POST /api/v1/me/totp/confirm': { url: '/api/v1/me/totp/confirm', body: {}, ok: 400 },
    'DELETE /api/v1/me/totp': { url: '/api/v1/me/totp', body: {}, ok: 400 },
    'GET /api/v1/me/sessions': { url: '/api/v1/me/sessions', ok: 200 },
    'DELETE /api/v1/me/sessions': { url: '/api/v1/me/sessions', ok: 200 },
    'DELETE /api/v1/me/sessions/:id': { url: '/api/v1/me/sessions/no-such-session', ok: 404 },
    'GET /api/v1/organisations': { url: '/api/v1/organisations', ok: 200 },
    'POST /api/v1/organisations': { url: '/api/v1/organisations', body: {}, ok: 400 },
    'GET /api/v1/organisations/:id': { url: `/api/v1/organisations/${ORG}`, ok: 200 },
    'PATCH /api/v1/organisations/:id': { url: '/api/v1/organisations/no-such-org', body: {}, ok: 404 },
    'DELETE /api/v1/organisations/:id': { url: '/api/v1/organisations/no-such-org', ok: 404 },
    'PUT /api/v1/organisations/:id/authorities/:authority': {
      url: '/api/v1/organisations/no-such-org/authorities/example.org',
      body: { dataPolicy: 'core' },
      ok: 404,
    },
    'DELETE /api/v1/organisations/:id/authorities/:authority': {
      url: '/api/v1/organisations/no-such-org/authorities/example.org',
      ok: 404,
    },
    'GET /api/v1/organisations/:id/rate-limits': { url: `/api/v1/organisations/${ORG}/rate-limits`, ok: 200 },
    'PUT /api/v1/organisations/:id/rate-limits': {
      url: '/api/v1/organisations/no-such-org/rate-limits',
      body: {},
      ok: 404,
    },
    'GET /api/v1/users': { url: '/api/v1/users', ok: 200 },
    'POST /api/v1/users': { url: '/api/v1/users', body: {}, ok: 400 },
    'GET /api/v1/users/:id': { url: '/api/v1/users/no-such-user', ok: 404 },
    'PATCH /api/v1/users/:id': { url: '/api/v1/users/no-such-user', body: {}, ok: 404 },
    'DELETE /api/v1/users/:id': { url: '/api/v1/users/no-such-user', ok: 404 },
    'POST /api/v1/users/:id/password': { url: '/api/v1/users/no-such-user/password', body: {}, ok: 400 },
    'DELETE /api/v1/users/:id/totp': { url: '/api/v1/users/no-such-user/totp', ok: 404 },
    'GET /api/v1/api-keys': { url: '/api/v1/api-keys', ok: 200 },
    'POST /api/v1/api-keys': { url: '/api/v1/api-keys', body: {}, ok: 400 },
    'DELETE /api/v1/api-keys/:id': { url: '/api/v1/api-keys/no-such-key', ok: 404 },
    'GET /api/v1/audit': { url: '/api/v1/audit', ok: 200 },
    'GET /api/v1/system': { url: '/api/v1/system', ok: 200 },
    'GET /api/v1/system/activity': { url: '/api/v1/system/activity', ok: 200 },
    'GET /api/v1/system/metrics': { url: '/api/v1/system/metrics', ok: 200 },
    'GET /metrics': { url: '/metrics', ok: 200 },
    'GET /api/v1/oidc-clients': { url: '/api/v1/oidc-clients', ok: 200 },
    'POST /api/v1/oidc-clients': { url: '/api/v1/oidc-clients', body: {}, ok: 400 },
    'DELETE /api/v1/oidc-clients/:id': { url: '/api/v1/oidc-clients/no-such-client', ok: 404 },
    'GET /oidc/interaction/:uid': { url: '/oidc/interaction/no-such-interaction', ok: 400 },
    'POST /oidc/interaction/:uid': { url: '/oidc/interaction/no-such-interaction', body: {}, ok: 400 },
    'GET /oidc/*': { url: '/oidc/.well-known/openid-configuration', ok: 200 },
    'POST /oidc/*': { url: '/oidc/token', body: {}, ok: 400 },
    'OPTIONS /oidc/*': {
      url: '/oidc/token',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      ok: 204,
    },
  };
  // The EDR and records paths answer other methods with 405 (they are public: anyone gets the 405).
  for (const path of [
    '/',
    '/conformance',
    '/collections',
    C,
    `${C}/locations`,
    `${C}/latest`,
    `${C}/position`,
    `${C}/radius`,
    `${C}/area`,
    `${C}/cube`,
    `${C}/locations/:location_id`,
    `${C}/items`,
    `${C}/items/:item_id`,
  ]) {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      specs[`${method} ${path}`] = {
        url: path.replace(':location_id', 'x').replace(':item_id', 'x'),
        ok: 405,
      };
    }
  }
  return specs;
}

describe(`authorisation matrix: every route × every role (${databaseKind})`, () => {
  let hub: TestHub;
  const headers: Partial<Record<Caller, Record<string, string>>> = {};

  before(async () => {
    hub = await startTestHub();
    const { people, headers: tokens } = await signInPeople(hub, 'matrix');
    Object.assign(headers, tokens);
    headers.anonymous = {};
    headers.service = { 'x-api-key': hub.provider.apiKey };
    const readKey = await hub.identity.apiKeys.create(system, {
      name: 'org admin read key',
      orgId: ORG,
      userId: people['org-admin'].id,
      scopes: ['read'],
    });
    headers['org-admin read key'] = { authorization: `Bearer ${readKey.key}` };
    await hub.app.ready();
  });
  after(() => hub.stop());

  /** The principal behind each caller, for the expected outcome (the permission matrix of core/access.ts). */
  function expected(caller: Caller, permission: RoutePermission, ok: number): number {
    if (permission === 'public') return ok;
    const anonymousMay: Permission[] = hub.config.anonymousRead ? ['observations:read'] : [];
    if (caller === 'anonymous') return anonymousMay.includes(permission) ? ok : 401;
    const principal = {
      actor: caller,
      role: caller === 'org-admin read key' ? 'org-admin' : caller,
      orgId: null,
      userId: null,
      scopes:
        caller === 'service'
          ? new Set(['ingest', 'read'] as const)
          : caller === 'org-admin read key'
            ? new Set(['read'] as const)
            : null,
      via: 'token',
    } as const;
    return can(principal, permission) ? ok : 403;
  }

  it('has a request for every route of the table, and no request for a route that does not exist', () => {
    const table = new Set(hub.gateway.routes.map((r) => `${r.method} ${r.url}`));
    const specs = requests();
    const missing = [...table].filter((key) => !specs[key]);
    const stale = Object.keys(specs).filter((key) => !table.has(key));
    assert.deepEqual(missing, [], 'routes without an expected status: add them to requests()');
    assert.deepEqual(stale, [], 'requests for routes that no longer exist');
    assert.ok(table.size > 60, `the table has ${table.size} routes`);
  });

  it('every route answers every caller with the exact status of the permission matrix', async () => {
    const specs = requests();
    const failures: string[] = [];
    let checked = 0;
    for (const route of hub.gateway.routes) {
      const spec = specs[`${route.method} ${route.url}`];
      if (!spec) continue; // reported by the test above
      for (const caller of callers) {
        const request: InjectOptions = {
          method: route.method,
          url: spec.url,
          headers: { ...spec.headers, ...headers[caller] },
        };
        if (spec.body !== undefined) request.payload = spec.body as object;
        const res = await hub.app.inject(request);
        const want = expected(caller, route.permission, spec.ok);
        checked++;
        if (res.statusCode !== want) {
          failures.push(
            `${route.method} ${spec.url} as ${caller} (${route.permission}): ${res.statusCode}, expected ${want}: ${res.body.slice(0, 200)}`,
          );
        } else if (want === 401 || want === 403) {
          assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
          if (want === 401) assert.match(String(res.headers['www-authenticate']), /^Bearer/);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(checked, hub.gateway.routes.length * callers.length);
  });

  it('a credential that is not valid is 401 on every protected route, even on public ones', async () => {
    for (const url of ['/api/v1/me', '/health', '/collections']) {
      const res = await hub.app.inject({ url, headers: { authorization: 'Bearer no-such-token' } });
      assert.equal(res.statusCode, 401, url);
      const key = await hub.app.inject({ url, headers: { 'x-api-key': 'obh_notavalidkeyatall' } });
      assert.equal(key.statusCode, 401, url);
    }
  });
});
