// The admin API end to end, through HTTP on a real hub and database: organisations, users and API keys
// through their lifecycles; keys that ingest, expire and are revoked; tenant isolation; lockout and its
// reset; TOTP enrolment and recovery codes; the audit log (every action, scoped to the organisation,
// paged, append-only); the system status and the OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { system } from '../../src/core/access.js';
import { ObshubError } from '../../src/core/errors.js';
import { ADMIN_USERNAME, auditActions, currentTotp, userPrincipal } from '../../src/identity/index.js';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';

/** Audit actions of the OIDC provider, its pages and its routes (test/medium/oidc.test.ts records them). */
/** Signing-key rotation and retirement are recorded by the OIDC tests and the CLI end-to-end test. */
const OIDC_ACTIONS = [
  'oidc-client.create',
  'oidc-client.delete',
  'token.issue',
  'session.revoke',
  'signing-key.rotate',
  'signing-key.retire',
];
const SOURCE = '198.51.100.7';
const PASSWORD = 'correct horse battery';

describe(`admin API (${databaseKind})`, () => {
  let hub: TestHub;
  /** Test token → user id: the verifier reads the user on every request, as a real one would. */
  const tokens = new Map<string, string>();

  async function api(
    method: InjectOptions['method'],
    url: string,
    auth?: string | Record<string, string>,
    body?: unknown,
  ) {
    const headers = typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : (auth ?? {});
    const request: InjectOptions = { method, url, headers };
    if (body !== undefined) request.payload = body as object;
    return hub.app.inject(request);
  }

  /** A token for an existing user. */
  function tokenFor(userId: string): string {
    const token = `token-${userId}`;
    tokens.set(token, userId);
    return token;
  }

  let root: string;

  before(async () => {
    hub = await startTestHub();
    hub.gateway.setTokenVerifier(async (token) => {
      const user = tokens.has(token) ? await hub.storage.users.find(tokens.get(token)!) : undefined;
      if (!user || user.disabled) throw new ObshubError('UNAUTHENTICATED', 'unknown test token');
      return userPrincipal(user, 'token');
    });
    root = tokenFor((await hub.storage.users.findByUsername(ADMIN_USERNAME))!.id);
  });
  after(() => hub.stop());

  const ingest = (
    key: string | Record<string, string>,
    namingAuthority: string,
    platform = '0-20000-0-06260',
  ) =>
    api('POST', '/ingest/json', typeof key === 'string' ? { authorization: `Bearer ${key}` } : key, [
      esohMessage({ namingAuthority, platform }),
    ]);

  async function createUser(token: string, body: Record<string, unknown>) {
    const res = await api('POST', '/api/v1/users', token, body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ id: string; username: string; role: string; orgId: string | null }>();
  }

  const ids: Record<string, string> = {};
  const userTokens: Record<string, string> = {};

  it('refuses ids and query values that cannot be stored (NUL, lone surrogate) with a 400, never a 500', async () => {
    // Found by the HTTP fuzz (test/reliability): the database refused the statement, answered 500.
    const cases: [InjectOptions['method'], string][] = [
      ['GET', '/api/v1/organisations/a%00b'],
      ['PATCH', '/api/v1/organisations/a%00b'],
      ['DELETE', '/api/v1/organisations/a%00b'],
      ['GET', '/api/v1/organisations/a%00b/rate-limits'],
      ['DELETE', '/api/v1/organisations/test-provider/authorities/a%00b'],
      ['GET', '/api/v1/users/a%ED%A0%80b'],
      ['DELETE', '/api/v1/users/a%00b'],
      ['DELETE', '/api/v1/api-keys/a%00b'],
      ['DELETE', '/api/v1/oidc-clients/a%00b'],
      ['GET', '/api/v1/audit?action=a%00b'],
    ];
    for (const [method, url] of cases) {
      const res = await api(method, url, root, method === 'PATCH' ? {} : undefined);
      assert.equal(res.statusCode, 400, `${method} ${url}: ${res.body}`);
      assert.match(res.json().detail, /parameter \w+ contains a NUL character|not UTF-8/);
    }
  });

  it('creates, changes and lists organisations and their naming authorities', async () => {
    const created = await api('POST', '/api/v1/organisations', root, { id: 'org-a', name: 'Org A' });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.location, '/api/v1/organisations/org-a');
    assert.deepEqual(
      { ...created.json<object>(), createdAt: undefined },
      { id: 'org-a', name: 'Org A', require2fa: false, authorities: [], createdAt: undefined },
    );
    assert.equal(
      (await api('POST', '/api/v1/organisations', root, { id: 'org-a', name: 'Again' })).statusCode,
      409,
    );
    assert.equal(
      (await api('POST', '/api/v1/organisations', root, { id: 'Org A!', name: 'x' })).statusCode,
      400,
    );
    const withAuthority = await api('PUT', '/api/v1/organisations/org-a/authorities/org.a', root, {
      dataPolicy: 'core',
    });
    assert.equal(withAuthority.statusCode, 200, withAuthority.body);
    assert.deepEqual(withAuthority.json().authorities, [{ authority: 'org.a', dataPolicy: 'core' }]);
    const taken = await api('PUT', '/api/v1/organisations/org-a/authorities/nl.knmi', root, {
      dataPolicy: 'core',
    });
    assert.equal(taken.statusCode, 409, 'nl.knmi belongs to test-provider');
    const badPolicy = await api('PUT', '/api/v1/organisations/org-a/authorities/org.a2', root, {
      dataPolicy: 'x',
    });
    assert.equal(badPolicy.statusCode, 400);
    assert.equal(
      (
        await api('PUT', '/api/v1/organisations/org-a/authorities/org.a2', root, {
          dataPolicy: 'recommended',
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await api('DELETE', '/api/v1/organisations/org-a/authorities/org.a2', root)).statusCode,
      204,
    );
    assert.equal(
      (await api('DELETE', '/api/v1/organisations/org-a/authorities/org.a2', root)).statusCode,
      404,
    );
    const patched = await api('PATCH', '/api/v1/organisations/org-a', root, { name: 'Organisation A' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().name, 'Organisation A');

    assert.equal(
      (await api('POST', '/api/v1/organisations', root, { id: 'org-b', name: 'Org B' })).statusCode,
      201,
    );
    await api('PUT', '/api/v1/organisations/org-b/authorities/org.b', root, { dataPolicy: 'core' });
    const list = await api('GET', '/api/v1/organisations', root);
    assert.deepEqual(
      list.json().organisations.map((o: { id: string }) => o.id),
      ['org-a', 'org-b', 'test-provider'],
    );
    assert.equal(
      (await api('GET', '/api/v1/organisations/org-b', root)).json().authorities[0].authority,
      'org.b',
    );

    assert.equal(
      (await api('POST', '/api/v1/organisations', root, { id: 'short-lived', name: 'x' })).statusCode,
      201,
    );
    assert.equal((await api('DELETE', '/api/v1/organisations/short-lived', root)).statusCode, 204);
    assert.equal((await api('GET', '/api/v1/organisations/short-lived', root)).statusCode, 404);
  });

  it('creates people with roles; org admins manage only their own organisation', async () => {
    const adminA = await createUser(root, {
      username: 'admin@a.example',
      role: 'org-admin',
      orgId: 'org-a',
      password: PASSWORD,
    });
    const adminB = await createUser(root, {
      username: 'admin@b.example',
      role: 'org-admin',
      orgId: 'org-b',
      password: PASSWORD,
    });
    const maintainer = await createUser(root, {
      username: 'ops@obshub',
      role: 'maintainer',
      password: PASSWORD,
    });
    Object.assign(ids, { adminA: adminA.id, adminB: adminB.id, maintainer: maintainer.id });
    userTokens.adminA = tokenFor(adminA.id);
    userTokens.adminB = tokenFor(adminB.id);
    userTokens.maintainer = tokenFor(maintainer.id);

    // Org A's admin creates org A's people (the organisation defaults to theirs).
    const userA = await createUser(userTokens.adminA, {
      username: 'user@a.example',
      role: 'org-user',
      password: PASSWORD,
    });
    assert.equal(userA.orgId, 'org-a');
    ids.userA = userA.id;
    userTokens.userA = tokenFor(userA.id);
    const userB = await createUser(userTokens.adminB, {
      username: 'user@b.example',
      role: 'org-user',
      password: PASSWORD,
    });
    ids.userB = userB.id;
    assert.equal(
      (
        await api('POST', '/api/v1/users', userTokens.adminA, {
          username: 'x@b.example',
          role: 'org-user',
          orgId: 'org-b',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await api('POST', '/api/v1/users', userTokens.adminA, {
          username: 'boss@a.example',
          role: 'platform-admin',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await api('POST', '/api/v1/users', root, {
          username: 'user@a.example',
          role: 'org-user',
          orgId: 'org-a',
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (
        await api('POST', '/api/v1/users', root, {
          username: 'weak@a.example',
          role: 'org-user',
          orgId: 'org-a',
          password: 'short',
        })
      ).statusCode,
      400,
    );

    // Tenant isolation: org B's people do not exist for org A's admin.
    const listed = (await api('GET', '/api/v1/users', userTokens.adminA))
      .json()
      .users.map((u: { username: string }) => u.username);
    assert.deepEqual(listed, ['admin@a.example', 'user@a.example']);
    assert.equal((await api('GET', `/api/v1/users/${userB.id}`, userTokens.adminA)).statusCode, 404);
    assert.equal(
      (await api('PATCH', `/api/v1/users/${userB.id}`, userTokens.adminA, { displayName: 'x' })).statusCode,
      404,
    );
    assert.equal((await api('DELETE', `/api/v1/users/${userB.id}`, userTokens.adminA)).statusCode, 404);
    assert.equal(
      (
        await api('POST', `/api/v1/users/${userB.id}/password`, userTokens.adminA, {
          password: 'another long password',
        })
      ).statusCode,
      404,
    );
    assert.equal((await api('DELETE', `/api/v1/users/${userB.id}/totp`, userTokens.adminA)).statusCode, 404);
    assert.equal((await api('GET', '/api/v1/organisations/org-b', userTokens.adminA)).statusCode, 403);
    assert.deepEqual(
      (await api('GET', '/api/v1/organisations', userTokens.adminA))
        .json()
        .organisations.map((o: { id: string }) => o.id),
      ['org-a'],
    );
    // Platform admins see everyone, or one organisation.
    const everyone = (await api('GET', '/api/v1/users?orgId=org-b', root)).json().users;
    assert.deepEqual(
      everyone.map((u: { username: string }) => u.username),
      ['admin@b.example', 'user@b.example'],
    );

    // Role changes, display names, disabling.
    const promoted = await api('PATCH', `/api/v1/users/${userA.id}`, userTokens.adminA, {
      role: 'org-admin',
      displayName: 'User A',
    });
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.equal(promoted.json().role, 'org-admin');
    assert.equal(
      (await api('PATCH', `/api/v1/users/${userA.id}`, userTokens.adminA, { role: 'org-user' })).json().role,
      'org-user',
    );
    assert.equal(
      (await api('PATCH', `/api/v1/users/${userA.id}`, userTokens.adminA, { role: 'maintainer' })).statusCode,
      400,
    );
    assert.equal(
      (await api('PATCH', `/api/v1/users/${adminA.id}`, userTokens.adminA, { disabled: true })).statusCode,
      403,
      'not yourself',
    );
    const me = await api('GET', '/api/v1/me', userTokens.userA);
    assert.deepEqual(
      { username: me.json().username, displayName: me.json().displayName },
      { username: 'user@a.example', displayName: 'User A' },
    );
    assert.equal((await api('GET', '/api/v1/users', userTokens.userA)).statusCode, 403);

    const temp = await createUser(userTokens.adminA, { username: 'temp@a.example', role: 'org-user' });
    const tempToken = tokenFor(temp.id);
    assert.equal(
      (await api('PATCH', `/api/v1/users/${temp.id}`, userTokens.adminA, { disabled: true })).json().disabled,
      true,
    );
    assert.equal(
      (await api('GET', '/api/v1/me', tempToken)).statusCode,
      401,
      'a disabled person is signed out',
    );
    assert.equal((await api('DELETE', `/api/v1/users/${temp.id}`, userTokens.adminA)).statusCode, 204);
    assert.equal((await api('GET', `/api/v1/users/${temp.id}`, userTokens.adminA)).statusCode, 404);
  });

  it('an API key created through the API ingests its organisation, until it is revoked', async () => {
    const created = await api('POST', '/api/v1/api-keys', userTokens.adminA, {
      name: 'loader',
      scopes: ['ingest', 'read'],
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.match(body.key, /^obh_/);
    assert.equal(created.headers['cache-control'], 'no-store');
    assert.deepEqual(
      { orgId: body.orgId, userId: body.userId, scopes: body.scopes, revokedAt: body.revokedAt },
      { orgId: 'org-a', userId: null, scopes: ['ingest', 'read'], revokedAt: null },
    );
    assert.equal((await ingest(body.key, 'org.a', '0-20000-0-00001')).statusCode, 200);
    assert.equal((await ingest({ 'x-api-key': body.key }, 'org.a', '0-20000-0-00001')).statusCode, 200);

    // Org A's key cannot write org B's naming authority: 403, nothing stored, audited.
    const foreign = await ingest(body.key, 'org.b', '0-20000-0-00002');
    assert.equal(foreign.statusCode, 403);
    assert.match(foreign.json().detail, /does not own the naming authority "org.b"/);
    assert.equal((await api('GET', '/collections/observations/locations/0-20000-0-00002')).statusCode, 404);
    const rejected = await hub.identity.audit.find(system, { action: 'ingest.rejected', limit: 1 });
    assert.equal(rejected[0]!.actor, `key:${body.id}`);
    assert.equal(rejected[0]!.orgId, 'org-a');

    // Listing shows metadata, never the key; org B's admin neither sees nor revokes it.
    const listed = (await api('GET', '/api/v1/api-keys', userTokens.adminA)).json().apiKeys;
    assert.deepEqual(
      listed.map((k: { id: string }) => k.id),
      [body.id],
    );
    assert.ok(listed.every((k: Record<string, unknown>) => !('key' in k) && !('keyHash' in k)));
    assert.deepEqual((await api('GET', '/api/v1/api-keys', userTokens.adminB)).json().apiKeys, []);
    assert.equal((await api('DELETE', `/api/v1/api-keys/${body.id}`, userTokens.adminB)).statusCode, 404);
    assert.equal(
      (
        await api('POST', '/api/v1/api-keys', userTokens.adminB, {
          name: 'x',
          scopes: ['ingest'],
          orgId: 'org-a',
        })
      ).statusCode,
      403,
    );

    assert.equal((await api('DELETE', `/api/v1/api-keys/${body.id}`, userTokens.adminA)).statusCode, 204);
    assert.equal((await api('DELETE', `/api/v1/api-keys/${body.id}`, userTokens.adminA)).statusCode, 409);
    const revoked = await ingest(body.key, 'org.a');
    assert.equal(revoked.statusCode, 401);
    assert.match(revoked.json().detail, /revoked/);
    assert.ok((await api('GET', '/api/v1/api-keys', userTokens.adminA)).json().apiKeys[0].revokedAt);
  });

  it('keys expire, and a person’s read-only key cannot ingest', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const short = await api('POST', '/api/v1/api-keys', userTokens.adminA, {
      name: 'short',
      scopes: ['ingest'],
      expiresAt,
    });
    assert.equal(short.statusCode, 201, short.body);
    assert.equal(short.json().expiresAt, expiresAt);
    assert.equal((await ingest(short.json().key, 'org.a')).statusCode, 200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = await ingest(short.json().key, 'org.a');
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json().detail, /expired/);
    const past = await api('POST', '/api/v1/api-keys', userTokens.adminA, {
      name: 'past',
      scopes: ['read'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    assert.equal(past.statusCode, 400);

    // An org user's key acts for them, with their role, narrowed to its scopes.
    const own = await api('POST', '/api/v1/api-keys', userTokens.userA, {
      name: 'my reader',
      scopes: ['read'],
    });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(own.json().userId, ids.userA);
    const refused = await ingest(own.json().key, 'org.a');
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().detail, /ingest/);
    assert.equal((await api('GET', '/collections/observations/locations', own.json().key)).statusCode, 200);
    assert.equal(
      (await api('GET', '/api/v1/me', own.json().key)).statusCode,
      403,
      'keys never reach the admin API',
    );
    assert.equal(
      (
        await api('POST', '/api/v1/api-keys', userTokens.userA, {
          name: 'x',
          scopes: ['read'],
          userId: ids.adminA,
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await api('POST', '/api/v1/api-keys', userTokens.userA, { name: 'x', scopes: ['admin'] })).statusCode,
      400,
    );
    // People see only the keys acting for themselves; their org admin sees all of the organisation's.
    assert.deepEqual(
      (await api('GET', '/api/v1/api-keys', userTokens.userA))
        .json()
        .apiKeys.map((k: { name: string }) => k.name),
      ['my reader'],
    );
    assert.equal((await api('GET', '/api/v1/api-keys', userTokens.adminA)).json().apiKeys.length, 3);
  });

  it('locks an address out of an account after repeated failures, and the account only when many addresses fail, until an admin resets it', async () => {
    const { signIn } = hub.identity;
    const { failures, addresses } = hub.config.signInLockout;
    for (let i = 1; i <= failures; i++) {
      await assert.rejects(signIn.password('user@b.example', 'wrong password!', SOURCE), {
        code: 'UNAUTHENTICATED',
      });
    }
    // This address is locked out now: even the right password is refused…
    await assert.rejects(signIn.password('user@b.example', PASSWORD, SOURCE), { code: 'TOO_MANY_ATTEMPTS' });
    // …but the account is not: its owner signs in from elsewhere.
    assert.equal((await api('GET', `/api/v1/users/${ids.userB}`, userTokens.adminB)).json().locked, false);
    assert.equal((await signIn.password('user@b.example', PASSWORD, '198.51.100.200')).next, 'done');

    // Failures from many addresses lock the account for everyone.
    for (let i = 1; i < addresses; i++) {
      await assert.rejects(signIn.password('user@b.example', 'wrong password!', `203.0.113.${i}`), {
        code: 'UNAUTHENTICATED',
      });
    }
    await assert.rejects(signIn.password('user@b.example', PASSWORD, '198.51.100.201'), {
      code: 'TOO_MANY_ATTEMPTS',
    });
    assert.equal((await api('GET', `/api/v1/users/${ids.userB}`, userTokens.adminB)).json().locked, true);
    const locked = await hub.identity.audit.find(system, { action: 'account.locked', limit: 1 });
    assert.equal(locked[0]!.target, `user:${ids.userB}`);
    assert.deepEqual(locked[0]!.details, { username: 'user@b.example', seconds: 30, addresses });

    const reset = await api('POST', `/api/v1/users/${ids.userB}/password`, userTokens.adminB, {
      password: 'a brand new password',
    });
    assert.equal(reset.statusCode, 204, reset.body);
    assert.equal((await api('GET', `/api/v1/users/${ids.userB}`, userTokens.adminB)).json().locked, false);
    assert.equal(
      (await signIn.password('user@b.example', 'a brand new password', '198.51.100.202')).next,
      'done',
    );
  });

  it('changes one’s own password and enrols, uses and turns off TOTP with recovery codes', async () => {
    const token = userTokens.userA;
    assert.equal(
      (
        await api('PUT', '/api/v1/me/password', token, {
          currentPassword: 'not it at all',
          newPassword: 'the next password',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await api('PUT', '/api/v1/me/password', token, {
          currentPassword: PASSWORD,
          newPassword: 'the next password',
        })
      ).statusCode,
      204,
    );

    const enrol = await api('POST', '/api/v1/me/totp', token);
    assert.equal(enrol.statusCode, 201, enrol.body);
    const { secret, uri } = enrol.json();
    assert.match(uri, /^otpauth:\/\/totp\/obshub:user%40a\.example\?.*secret=/);
    assert.equal((await api('POST', '/api/v1/me/totp/confirm', token, { code: '000000' })).statusCode, 400);
    const confirmed = await api('POST', '/api/v1/me/totp/confirm', token, { code: currentTotp(secret) });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const { recoveryCodes } = confirmed.json();
    assert.equal(recoveryCodes.length, 10);
    assert.equal((await api('GET', '/api/v1/me', token)).json().totpEnabled, true);
    assert.equal((await api('POST', '/api/v1/me/totp', token)).statusCode, 409, 'already on');

    // Signing in now needs the second factor; a recovery code works once.
    const first = await hub.identity.signIn.password('user@a.example', 'the next password', SOURCE);
    assert.equal(first.next, 'totp');
    await hub.identity.signIn.secondFactor(ids.userA!, recoveryCodes[0], SOURCE);
    await assert.rejects(hub.identity.signIn.secondFactor(ids.userA!, recoveryCodes[0], SOURCE), {
      code: 'UNAUTHENTICATED',
    });

    assert.equal((await api('DELETE', '/api/v1/me/totp', token, { code: '000000' })).statusCode, 403);
    assert.equal(
      (await api('DELETE', '/api/v1/me/totp', token, { code: currentTotp(secret) })).statusCode,
      204,
    );
    assert.equal((await api('GET', '/api/v1/me', token)).json().totpEnabled, false);

    // A person who lost the authenticator: their admin turns 2FA off.
    const again = await api('POST', '/api/v1/me/totp', token);
    await api('POST', '/api/v1/me/totp/confirm', token, { code: currentTotp(again.json().secret) });
    assert.equal((await api('DELETE', `/api/v1/users/${ids.userA}/totp`, userTokens.adminA)).statusCode, 204);
    assert.equal((await api('GET', '/api/v1/me', token)).json().totpEnabled, false);
  });

  it('records every audit action with actor, time, source and outcome; org admins see only their own', async () => {
    // A failed and a successful sign-in of a platform-wide person.
    await assert.rejects(hub.identity.signIn.password('ops@obshub', 'wrong password!', SOURCE));
    await hub.identity.signIn.password('ops@obshub', PASSWORD, SOURCE);
    const limits = await api('PUT', '/api/v1/organisations/test-provider/rate-limits', root, {
      query: { perCaller: 5000 },
    });
    assert.equal(limits.statusCode, 200, limits.body);
    // Failed authentications after the first of an address's window are summed into one event.
    await hub.identity.authFailures.flush();

    const all = await hub.identity.audit.find(system, { limit: 10_000 });
    const expected = auditActions.filter((a) => !OIDC_ACTIONS.includes(a));
    const seen = new Set(all.map((e) => e.action));
    for (const summary of all.filter((e) => e.action === 'auth.failures')) {
      for (const action of Object.keys(summary.details.actions as object)) seen.add(action);
    }
    assert.deepEqual(
      expected.filter((a) => !seen.has(a)),
      [],
      'actions never recorded',
    );
    for (const event of all) {
      assert.ok(event.actor, `${event.action} has an actor`);
      assert.ok(event.at instanceof Date && event.at.getTime() <= Date.now());
      assert.ok(['success', 'failure'].includes(event.outcome));
      // The hub's own actions (bootstrap, the test provider) come from no address.
      if (event.actor !== 'system') assert.ok(event.source, `${event.action} by ${event.actor} has a source`);
    }
    assert.ok(all.some((e) => e.action === 'sign-in' && e.outcome === 'failure' && e.source === SOURCE));
    const roleChanges = all.filter((e) => e.action === 'user.role-change');
    assert.deepEqual(
      roleChanges.map((e) => e.details),
      [
        { from: 'org-admin', to: 'org-user' },
        { from: 'org-user', to: 'org-admin' },
      ],
      'newest first',
    );
    assert.ok(roleChanges.every((e) => e.actor === `user:${ids.adminA}` && e.source === '127.0.0.1'));

    // Through HTTP: the whole log in pages, newest first, for a maintainer.
    const paged: { id: number }[] = [];
    let next: string | null = '/api/v1/audit?limit=7';
    while (next) {
      const page = await api('GET', next, userTokens.maintainer);
      assert.equal(page.statusCode, 200, page.body);
      paged.push(...page.json().events);
      next = page.json().next;
    }
    assert.deepEqual(
      paged.map((e) => e.id),
      all.map((e) => e.id),
    );
    const filtered = await api('GET', '/api/v1/audit?action=api-key.create&orgId=org-a', root);
    assert.ok(filtered.json().events.length >= 3);
    assert.ok(filtered.json().events.every((e: any) => e.action === 'api-key.create' && e.orgId === 'org-a'));
    const future = await api(
      'GET',
      `/api/v1/audit?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      root,
    );
    assert.deepEqual(future.json().events, []);
    assert.equal((await api('GET', '/api/v1/audit?since=yesterday', root)).statusCode, 400);

    // Org admins see their organisation's events only, whatever orgId they ask for.
    for (const url of ['/api/v1/audit?limit=1000', '/api/v1/audit?limit=1000&orgId=org-b']) {
      const own = (await api('GET', url, userTokens.adminA)).json().events;
      assert.ok(own.length > 5);
      assert.ok(
        own.every((e: { orgId: string }) => e.orgId === 'org-a'),
        url,
      );
    }
    assert.equal((await api('GET', '/api/v1/audit', userTokens.userA)).statusCode, 403);
  });

  it('the audit table refuses UPDATE and DELETE', async () => {
    const db = hub.storage.db;
    await assert.rejects(db.query("UPDATE audit_event SET actor = 'someone else'"), /append-only/);
    await assert.rejects(db.query('DELETE FROM audit_event'), /append-only/);
    const events = await hub.identity.audit.find(system, { limit: 1 });
    assert.notEqual(events[0]!.actor, 'someone else');
  });

  it('shows platform-wide roles the system status without secrets', async () => {
    const res = await api('GET', '/api/v1/system', userTokens.maintainer);
    assert.equal(res.statusCode, 200, res.body);
    const status = res.json();
    assert.match(status.version, /^\d+\.\d+\.\d+/);
    assert.equal(status.deployment.database, databaseKind);
    assert.equal(status.ready, true);
    assert.deepEqual(status.checks, {
      database: 'ok',
      // On PostgreSQL the processes' event bus is LISTEN/NOTIFY, a connection of its own to check.
      ...(databaseKind === 'postgres' ? { bus: 'ok' } : {}),
      broker: 'ok',
      announcements: 'ok',
    });
    assert.equal(typeof status.outbox.depth, 'number');
    assert.equal(status.config.obshubSecret, '***');
    assert.equal(status.config.adminPassword, '***');
    assert.equal(status.config.retentionSeconds, hub.config.retentionSeconds);
    assert.doesNotMatch(res.body, /test-secret-of-at-least|test-admin-password/);
    assert.equal((await api('GET', '/api/v1/system', userTokens.adminA)).statusCode, 403);
  });

  it('the OpenAPI document describes the admin API, ingest and their security', async () => {
    const doc = (await api('GET', '/openapi.json')).json();
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKey', 'bearer']);
    assert.deepEqual(doc.components.securitySchemes.apiKey, {
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
      description: doc.components.securitySchemes.apiKey.description,
    });
    assert.deepEqual(doc.paths['/api/v1/users/{id}'].patch.security, [{ bearer: [] }]);
    assert.equal(doc.paths['/api/v1/api-keys'].post.operationId, 'postApiKey');
    assert.ok(doc.paths['/api/v1/api-keys'].post.responses['201']);
    assert.deepEqual(doc.paths['/ingest/json'].post.security, [{ apiKey: [] }, { bearer: [] }]);
    assert.deepEqual(doc.paths['/collections/observations/locations'].get.security, [
      {},
      { apiKey: [] },
      { bearer: [] },
    ]);
    assert.equal(doc.paths['/health'].get.security, undefined);
    const operations = Object.values<any>(doc.paths).flatMap((p) => Object.values<any>(p));
    const ids = operations.map((o) => o.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
    for (const path of Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/'))) {
      for (const op of Object.values<any>(doc.paths[path])) {
        assert.ok(op.operationId && op.tags?.length && op.summary, `${path} is documented`);
      }
    }
  });
});
