// Rate limits and authentication abuse, on a real hub with low limits: a burst gets 429s with the
// RateLimit headers; groups, callers and organisations are counted apart; an organisation's override is in
// force at once; health, readiness and the web app are never limited; floods of unknown keys write O(1)
// audit rows and stop reaching the database; an address cannot lock someone else's account, and unknown
// user names are throttled exactly like accounts; two hubs on one Redis share their counts, and a hub
// whose Redis is gone keeps answering and limiting. Each test calls from addresses of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { system } from '../../src/core/access.js';
import { generateApiKey } from '../../src/core/apiKey.js';
import { ObshubError } from '../../src/core/errors.js';
import { ADMIN_USERNAME, userPrincipal } from '../../src/identity/index.js';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

const LIMITS = {
  RATE_LIMIT_QUERY: '5/PT1M',
  RATE_LIMIT_QUERY_ORG: '8',
  RATE_LIMIT_INGEST: '3/PT1M',
  RATE_LIMIT_ADMIN: '40/PT1M',
  RATE_LIMIT_SIGN_IN: '4/PT1M',
  RATE_LIMIT_TOKEN: '4/PT1M',
  AUTH_FAILURE_LIMIT: '5/PT1M',
  SIGN_IN_LOCKOUT_FAILURES: '3',
  SIGN_IN_LOCKOUT_ADDRESSES: '6',
};
const PASSWORD = 'correct horse battery';
const PROBLEM = 'application/problem+json; charset=utf-8';

let lastAddress = 0;
/** An address no other test calls from. */
const newAddress = () => `203.0.113.${++lastAddress}`;

function from(hub: TestHub, address: string) {
  return (url: string, options: Omit<InjectOptions, 'url'> = {}) =>
    hub.app.inject({ ...options, url, remoteAddress: address });
}

async function burst(call: () => Promise<LightMyRequestResponse>, n: number) {
  const answers: LightMyRequestResponse[] = [];
  for (let i = 0; i < n; i++) answers.push(await call());
  return answers;
}

const statuses = (answers: LightMyRequestResponse[]) => answers.map((a) => a.statusCode);

describe(`rate limits (${databaseKind})`, () => {
  let hub: TestHub;
  let root: string;

  before(async () => {
    hub = await startTestHub(LIMITS);
    const admin = (await hub.storage.users.findByUsername(ADMIN_USERNAME))!;
    root = 'token-root';
    hub.gateway.setTokenVerifier(async (token) => {
      if (token !== root) throw new ObshubError('UNAUTHENTICATED', 'unknown test token');
      return userPrincipal(admin, 'token');
    });
  });
  after(() => hub.stop());

  async function readKey(orgId: string): Promise<string> {
    return (await hub.identity.apiKeys.create(system, { orgId, name: 'reader', scopes: ['read'] })).key;
  }

  it('answers a burst beyond the limit with 429 problems carrying Retry-After and the RateLimit headers', async () => {
    const get = from(hub, newAddress());
    const answers = await burst(() => get('/collections'), 7);
    assert.deepEqual(statuses(answers), [200, 200, 200, 200, 200, 429, 429]);
    answers.slice(0, 5).forEach((a, i) => {
      assert.equal(a.headers['ratelimit-limit'], '5');
      assert.equal(a.headers['ratelimit-remaining'], String(4 - i));
      assert.equal(a.headers['ratelimit-policy'], '5;w=60');
      const reset = Number(a.headers['ratelimit-reset']);
      assert.ok(reset > 0 && reset <= 60, `RateLimit-Reset ${reset}`);
      assert.equal(a.headers['retry-after'], undefined);
    });
    const refused = answers[5]!;
    assert.equal(refused.headers['content-type'], PROBLEM);
    assert.equal(refused.headers['ratelimit-remaining'], '0');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const problem = refused.json();
    assert.equal(problem.type, 'urn:obshub:problem:rate-limited');
    assert.equal(problem.status, 429);
    assert.match(problem.detail, /query limit of this address, 5 requests per PT1M, is used up/);
  });

  it('counts route groups, callers and organisations apart', async () => {
    const address = newAddress();
    const call = from(hub, address);
    await burst(() => call('/collections'), 6);
    assert.equal((await call('/collections')).statusCode, 429, 'the address used up its query limit');
    // Other groups from the same address are untouched.
    assert.equal((await call('/oidc/.well-known/openid-configuration')).statusCode, 200);
    assert.equal(
      (await call('/api/v1/me', { headers: { authorization: `Bearer ${root}` } })).statusCode,
      200,
    );
    const ingest = await call('/ingest/json', {
      method: 'POST',
      headers: hub.provider.headers,
      payload: [esohMessage()],
    });
    assert.equal(ingest.statusCode, 200, ingest.body);
    assert.equal(ingest.headers['ratelimit-limit'], '3');

    // Two keys of one organisation: each has its own 5 queries, together they have 8.
    await hub.identity.organisations.create(system, { id: 'two-keys', name: 'Two keys' });
    const [a, b] = [await readKey('two-keys'), await readKey('two-keys')];
    const asA = () => call('/collections', { headers: { 'x-api-key': a } });
    const asB = () => call('/collections', { headers: { 'x-api-key': b } });
    assert.deepEqual(statuses(await burst(asA, 6)), [200, 200, 200, 200, 200, 429]);
    const second = await burst(asB, 4);
    assert.deepEqual(statuses(second), [200, 200, 200, 429]);
    // The organisation's count is the tighter one: its remaining requests are shown.
    assert.equal(second[0]!.headers['ratelimit-limit'], '8');
    assert.equal(second[0]!.headers['ratelimit-remaining'], '2');
    assert.match(second[3]!.json().detail, /limit of organisation "two-keys", 8 requests per PT1M/);
  });

  it("changes an organisation's limits at once through the admin API, audited", async () => {
    const admin = { authorization: `Bearer ${root}` };
    const api = from(hub, newAddress());
    await hub.identity.organisations.create(system, { id: 'heavy-user', name: 'Heavy user' });
    const key = await readKey('heavy-user');
    const query = from(hub, newAddress());
    const asKey = () => query('/collections', { headers: { 'x-api-key': key } });
    assert.deepEqual(statuses(await burst(asKey, 6)), [200, 200, 200, 200, 200, 429]);

    const put = await api('/api/v1/organisations/heavy-user/rate-limits', {
      method: 'PUT',
      headers: admin,
      payload: { query: { perCaller: 20, perOrganisation: 50 } },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), {
      orgId: 'heavy-user',
      limits: {
        ingest: { window: 'PT1M', perCaller: 3, perOrganisation: 3000 },
        query: { window: 'PT1M', perCaller: 20, perOrganisation: 50 },
        admin: { window: 'PT1M', perCaller: 40, perOrganisation: 1200 },
      },
      overrides: { query: { perCaller: 20, perOrganisation: 50 } },
    });
    const raised = await asKey();
    assert.equal(raised.statusCode, 200, 'in force at once');
    assert.equal(raised.headers['ratelimit-limit'], '20');
    assert.deepEqual(
      (await api('/api/v1/organisations/heavy-user/rate-limits', { headers: admin })).json().overrides,
      { query: { perCaller: 20, perOrganisation: 50 } },
    );
    const [event] = await hub.identity.audit.find(system, { action: 'rate-limits.set', limit: 1 });
    assert.equal(event!.target, 'organisation:heavy-user');
    assert.deepEqual(event!.details, { overrides: { query: { perCaller: 20, perOrganisation: 50 } } });

    // Back to the configured limits.
    await api('/api/v1/organisations/heavy-user/rate-limits', { method: 'PUT', headers: admin, payload: {} });
    assert.equal((await asKey()).statusCode, 429);
    const bad = await api('/api/v1/organisations/heavy-user/rate-limits', {
      method: 'PUT',
      headers: admin,
      payload: { query: { perCaller: 0 } },
    });
    assert.equal(bad.statusCode, 400);
  });

  it('never limits health, readiness, the docs and the web app; every other route has a group', async () => {
    const get = from(hub, newAddress());
    for (const url of ['/health', '/ready', '/app/', '/docs/json']) {
      const answers = await burst(() => get(url), 12);
      assert.deepEqual(statuses(answers), Array(12).fill(200), url);
      assert.equal(answers[11]!.headers['ratelimit-limit'], undefined, url);
    }
    const unlimited = hub.gateway.routes.filter((r) => r.rateLimitGroup === 'none');
    assert.deepEqual(
      [...new Set(unlimited.map((r) => r.url))].filter((url) => !url.startsWith('/docs')).sort(),
      ['/app', '/app/', '/app/*', '/health', '/metrics', '/ready'],
    );
    // Prometheus scrapes /metrics with its token (METRICS_TOKEN) on its own schedule.
    assert.ok(unlimited.every((r) => r.permission === 'public' || r.url === '/metrics'));
  });

  it('refuses an address after a few unknown keys, without the database, and audits the flood as two events', async () => {
    const address = newAddress();
    const call = from(hub, address);
    const findHolder = hub.storage.apiKeys.findHolder.bind(hub.storage.apiKeys);
    let lookups = 0;
    hub.storage.apiKeys.findHolder = (id) => (lookups++, findHolder(id));
    const flood = await burst(
      () => call('/collections', { headers: { 'x-api-key': generateApiKey().key } }),
      50,
    );
    hub.storage.apiKeys.findHolder = findHolder;
    assert.deepEqual(statuses(flood), [...Array(5).fill(401), ...Array(45).fill(429)]);
    assert.equal(lookups, 5, 'refused addresses never reach the database');
    const refused = flood[5]!;
    assert.equal(refused.json().type, 'urn:obshub:problem:too-many-attempts');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Bearer tokens and the sign-in and OIDC endpoints are closed to it too; anonymous reads are not.
    assert.equal(
      (await call('/collections', { headers: { authorization: 'Bearer x.y.z' } })).statusCode,
      429,
    );
    assert.equal((await call('/oidc/interaction/abc')).statusCode, 429);
    assert.equal((await call('/oidc/token', { method: 'POST' })).statusCode, 429);
    assert.equal((await call('/collections')).statusCode, 200);

    await hub.identity.authFailures.flush();
    const rows = (await hub.identity.audit.find(system, { limit: 10_000 })).filter(
      (e) => e.source === address,
    );
    assert.deepEqual(
      rows.map((e) => e.action),
      ['auth.failures', 'api-key.rejected'],
      'one event for the first failure, one summary for the rest',
    );
    assert.deepEqual(rows[0]!.details.actions, { 'api-key.rejected': 4 });
    assert.equal(rows[0]!.details.failures, 4);
    assert.equal(rows[0]!.details.refused, 48);
    assert.equal(rows[0]!.details.window, 'PT1M');
  });

  it('counts bad bearer tokens as failed authentications', async () => {
    const call = from(hub, newAddress());
    const answers = await burst(
      () => call('/api/v1/me', { headers: { authorization: 'Bearer not-a-token' } }),
      7,
    );
    assert.deepEqual(statuses(answers), [401, 401, 401, 401, 401, 429, 429]);
  });

  it("an address cannot lock someone else's account, however often it fails", async () => {
    const victim = await hub.identity.users.create(system, {
      username: 'victim@example.org',
      role: 'org-user',
      orgId: hub.provider.orgId,
      password: PASSWORD,
    });
    const attacker = newAddress();
    for (let i = 0; i < 20; i++) {
      await assert.rejects(hub.identity.signIn.password('victim@example.org', `guess ${i}`, attacker), {
        code: i < 3 ? 'UNAUTHENTICATED' : 'TOO_MANY_ATTEMPTS',
      });
    }
    await assert.rejects(hub.identity.signIn.password('victim@example.org', PASSWORD, attacker), {
      code: 'TOO_MANY_ATTEMPTS',
    });
    // The owner, at another address, is not locked out.
    assert.equal(
      (await hub.identity.signIn.password('victim@example.org', PASSWORD, newAddress())).next,
      'done',
    );
    assert.equal((await hub.storage.users.find(victim.id))!.lockedUntil, null);
    const locks = await hub.identity.audit.find(system, { action: 'account.locked', limit: 100 });
    assert.ok(!locks.some((e) => e.target === `user:${victim.id}`));
  });

  it('throttles unknown user names exactly like accounts, per address and per account', async () => {
    await hub.identity.users.create(system, {
      username: 'known@example.org',
      role: 'org-user',
      orgId: hub.provider.orgId,
      password: PASSWORD,
    });
    const attempt = async (username: string, password: string, address: string) => {
      const started = process.hrtime.bigint();
      try {
        await hub.identity.signIn.password(username, password, address);
        return { answer: 'signed in', ms: 0 };
      } catch (err) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        return {
          answer: `${(err as ObshubError).code}: ${(err as Error).message.replace(/\d+ s/, 'N s')}`,
          ms,
        };
      }
    };
    const run = async (username: string) => {
      const address = newAddress();
      const tries = [];
      for (let i = 0; i < 5; i++) tries.push(await attempt(username, 'wrong password', address));
      return tries;
    };
    const known = await run('known@example.org');
    const unknown = await run('nobody@example.org');
    assert.deepEqual(
      unknown.map((t) => t.answer),
      known.map((t) => t.answer),
    );
    assert.deepEqual(
      known.map((t) => t.answer.split(':')[0]),
      ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS'],
    );
    // The same work for a wrong password whether the account exists or not (the password is hashed):
    // attempts alternate, each from an address of its own, so the machine's load weighs on both alike.
    const timed: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 4; i++) {
      timed.known.push((await attempt('known@example.org', 'wrong password', newAddress())).ms);
      timed.unknown.push((await attempt('nobody@example.org', 'wrong password', newAddress())).ms);
    }
    // The quickest of each: load only ever adds time, so minimums compare the work itself.
    assert.ok(
      Math.min(...timed.unknown) > Math.min(...timed.known) / 3,
      `unknown ${timed.unknown.join(', ')} ms; known ${timed.known.join(', ')} ms`,
    );

    // Failures from six addresses (five of them above) lock the name for everyone, account or not.
    for (const username of ['known@example.org', 'nobody@example.org']) {
      await attempt(username, 'wrong password', newAddress());
    }
    const elsewhere = newAddress();
    const lockedKnown = await attempt('known@example.org', PASSWORD, elsewhere);
    const lockedUnknown = await attempt('nobody@example.org', PASSWORD, elsewhere);
    assert.match(lockedKnown.answer, /^TOO_MANY_ATTEMPTS/);
    assert.equal(lockedUnknown.answer, lockedKnown.answer);
  });

  it('limits the sign-in pages and the OIDC endpoints per address', async () => {
    const call = from(hub, newAddress());
    const jwks = await burst(() => call('/oidc/jwks'), 5);
    assert.deepEqual(statuses(jwks), [200, 200, 200, 200, 429]);
    assert.equal(jwks[0]!.headers['ratelimit-remaining'], '3', "on the provider's own answers too");
    assert.deepEqual(statuses(await burst(() => call('/oidc/interaction/x'), 5)).slice(4), [429]);
  });
});

describe('rate limits on Redis', () => {
  it('two hubs on one Redis share their counts', async () => {
    const shared = { ...LIMITS, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix() };
    const [a, b] = await Promise.all([startTestHub(shared), startTestHub(shared)]);
    after(() => Promise.all([a.stop(), b.stop()]));
    assert.match(a.counters.description, /^Redis at /);
    const address = newAddress();
    const answers = [];
    for (const hub of [a, b, a, b, a, b]) answers.push((await from(hub, address)('/collections')).statusCode);
    assert.deepEqual(answers, [200, 200, 200, 200, 200, 429]);
    // Failed authentications too: five on one hub close the address on the other.
    const failing = newAddress();
    await burst(() => from(a, failing)('/collections', { headers: { 'x-api-key': 'obh_x_y' } }), 5);
    assert.equal(
      (await from(b, failing)('/collections', { headers: { 'x-api-key': 'obh_x_y' } })).statusCode,
      429,
    );
  });

  it('a hub whose Redis is unreachable starts, answers and keeps limiting in its own memory', async () => {
    const hub = await startTestHub({ ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
    after(() => hub.stop());
    const get = from(hub, newAddress());
    assert.equal((await get('/ready')).statusCode, 200);
    assert.deepEqual(statuses(await burst(() => get('/collections'), 6)), [200, 200, 200, 200, 200, 429]);
  });
});
