// The built-in OpenID Connect provider end to end over real HTTP: discovery and JWKS, authorization code
// + PKCE through the sign-in pages (password, TOTP, enrolment), refresh, client credentials, key
// rotation, rejected tokens, tokens of a second (test-run) issuer, and the audit trail.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type CryptoKey,
} from 'jose';
import { system } from '../../src/core/access.js';
import { loadConfig } from '../../src/config/index.js';
import { SecretBox } from '../../src/core/secretBox.js';
import {
  createOidc,
  currentTotp,
  retireSigningKey,
  rotateSigningKey,
  userPrincipal,
} from '../../src/identity/index.js';
import { databaseKind } from '../support/database.js';
import { startListeningHub, type TestHub } from '../support/hub.js';

const PASSWORD = 'correct horse battery staple';

/** A minimal browser: a cookie jar and manual redirects. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects until a page (2xx/4xx) or a redirect to `stopAt`; returns the last response and URL. */
  async follow(response: Response, stopAt: string): Promise<{ response: Response; url: string }> {
    let current = response;
    let url = current.url;
    for (let hops = 0; hops < 10 && current.status >= 300 && current.status < 400; hops++) {
      const location = new URL(current.headers.get('location')!, url).href;
      if (location.startsWith(stopAt)) return { response: current, url: location };
      url = location;
      current = await this.fetch(url);
    }
    return { response: current, url };
  }
}

interface FormPage {
  action: string;
  fields: Record<string, string>;
  html: string;
  status: number;
}

/** The first form of a sign-in page with its hidden fields. */
async function readForm(response: Response, pageUrl: string): Promise<FormPage> {
  const html = await response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action, `a form on the page (${response.status}): ${html.slice(0, 300)}`);
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)) fields[m[1]!] = m[2]!;
  return {
    action: new URL(action.replaceAll('&amp;', '&'), pageUrl).href,
    fields,
    html,
    status: response.status,
  };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe(`OIDC provider (${databaseKind})`, () => {
  let hub: TestHub;
  let base: string;
  let issuer: Server;
  let issuerUrl: string;
  let issuerKey: CryptoKey;
  let aliceTotp: string;
  let adminToken: string;
  let refreshToken: string;
  const redirectUri = () => `${base}/app/callback`;

  before(async () => {
    // A second, test-run issuer: discovery and JWKS over HTTP, tokens signed here with jose.
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    issuerKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'ext-1', alg: 'ES256', use: 'sig' };
    issuer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/test/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: issuerUrl, jwks_uri: `${issuerUrl}/certs` }));
      } else if (req.url === '/realms/test/certs') {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
    issuerUrl = `http://127.0.0.1:${(issuer.address() as { port: number }).port}/realms/test`;

    ({ hub, base } = await startListeningHub({
      OIDC_TRUSTED_ISSUERS: JSON.stringify([
        {
          issuer: issuerUrl,
          audience: 'obshub',
          orgClaim: 'org',
          roleClaim: 'realm_access.roles',
          roleMap: { 'obshub-admin': 'org-admin', 'obshub-reader': 'org-user' },
          scopes: ['read', 'admin'],
        },
      ]),
    }));

    const orgs = hub.identity.organisations;
    await orgs.create(system, { id: 'oidc-org', name: 'OIDC organisation' });
    await orgs.create(system, { id: 'strict-org', name: 'Requires 2FA', require2fa: true });
    const alice = await hub.identity.users.create(system, {
      username: 'alice',
      role: 'org-admin',
      orgId: 'oidc-org',
      password: PASSWORD,
    });
    const { secret } = await hub.identity.users.enrolTotp(userPrincipal(alice, 'session'));
    await hub.identity.users.confirmTotp(userPrincipal(alice, 'session'), currentTotp(secret));
    aliceTotp = secret;
    await hub.identity.users.create(system, {
      username: 'bob',
      role: 'org-user',
      orgId: 'strict-org',
      password: PASSWORD,
    });
  });
  after(async () => {
    await hub?.stop();
    await new Promise((resolve) => issuer?.close(resolve));
  });

  const authorize = async (browser: Browser, challenge: string) => {
    const params = new URLSearchParams({
      client_id: 'obshub-web',
      response_type: 'code',
      redirect_uri: redirectUri(),
      scope: 'openid profile offline_access read admin',
      // OIDC Core §11: offline_access (a refresh token) needs prompt=consent; consent is implicit here.
      prompt: 'consent',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-1',
    });
    const url = `${base}/oidc/auth?${params.toString()}`;
    const { response, url: pageUrl } = await browser.follow(await browser.fetch(url), redirectUri());
    return readForm(response, pageUrl);
  };

  const submit = async (browser: Browser, form: FormPage, fields: Record<string, string>) =>
    browser.fetch(form.action, { form: { ...form.fields, ...fields } });

  /** Follows the redirects after the last sign-in step to the app and redeems the code. */
  const redeem = async (browser: Browser, response: Response, verifier: string) => {
    const { url } = await browser.follow(response, redirectUri());
    const callback = new URL(url);
    assert.equal(callback.searchParams.get('state'), 'state-1');
    assert.equal(callback.searchParams.get('iss'), `${base}/oidc`);
    const code = callback.searchParams.get('code');
    assert.ok(code, `a code in ${url}`);
    const res = await fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(),
        client_id: 'obshub-web',
        code_verifier: verifier,
      }),
    });
    const body = (await res.json()) as Record<string, string>;
    assert.equal(res.status, 200, JSON.stringify(body));
    return body;
  };

  const call = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });

  const clientCredentials = async (clientId: string, secret: string, scope?: string) => {
    const res = await fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('publishes discovery and a JWKS without private key material', async () => {
    const res = await fetch(`${base}/oidc/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, `${base}/oidc`);
    assert.equal(doc.token_endpoint, `${base}/oidc/token`);
    assert.equal(doc.authorization_endpoint, `${base}/oidc/auth`);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.ok((doc.grant_types_supported as string[]).includes('client_credentials'));
    assert.ok(!(doc.grant_types_supported as string[]).includes('implicit'));
    const jwks = (await (await fetch(String(doc.jwks_uri))).json()) as { keys: JWK[] };
    assert.equal(jwks.keys.length, 1);
    assert.ok(jwks.keys[0]!.kid);
    for (const key of jwks.keys) assert.equal(key.d, undefined);
  });

  it('signs a person in with password and TOTP through authorization code + PKCE', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const login = await authorize(browser, challenge);
    assert.equal(login.status, 200);
    assert.match(login.html, /<label for="username">Username<\/label>/);
    assert.ok(login.fields.csrf);

    const wrong = await readForm(
      await submit(browser, login, { username: 'alice', password: 'not the password' }),
      login.action,
    );
    assert.equal(wrong.status, 401);
    assert.match(wrong.html, /role="alert"/);

    const totp = await readForm(
      await submit(browser, wrong, { username: 'alice', password: PASSWORD }),
      login.action,
    );
    assert.equal(totp.status, 200);
    assert.match(totp.html, /authenticator app/);
    // The next step's code: the step of enrolment was used already (a code is never accepted twice).
    const done = await submit(browser, totp, { code: currentTotp(aliceTotp, Date.now() + 30_000) });
    assert.equal(done.status, 303);
    const tokens = await redeem(browser, done, verifier);
    assert.equal(tokens.token_type, 'Bearer');
    assert.ok(tokens.id_token && tokens.refresh_token, JSON.stringify(Object.keys(tokens)) + tokens.scope);
    const claims = decodeJwt(tokens.access_token!);
    assert.equal(decodeProtectedHeader(tokens.access_token!).typ, 'at+jwt');
    assert.equal(claims.aud, base);
    assert.deepEqual(String(claims.scope).split(' ').sort(), ['admin', 'read']);
    assert.equal(decodeJwt(tokens.id_token).preferred_username, 'alice');
    adminToken = tokens.access_token!;
    refreshToken = tokens.refresh_token!;

    // The token reaches a protected route as alice, org admin of oidc-org.
    const res = await call('/api/v1/oidc-clients', adminToken);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { clients: [] });
    const principal = await hub.oidc.verifyToken(adminToken, undefined as never);
    assert.equal(principal.role, 'org-admin');
    assert.equal(principal.orgId, 'oidc-org');
  });

  it('refuses a forged form (CSRF) and a wrong code', async () => {
    const browser = new Browser();
    const login = await authorize(browser, pkce().challenge);
    const forged = await submit(browser, login, { csrf: 'forged', username: 'alice', password: PASSWORD });
    assert.equal(forged.status, 403);
    const totp = await readForm(
      await submit(browser, login, { username: 'alice', password: PASSWORD }),
      login.action,
    );
    const bad = await readForm(await submit(browser, totp, { code: '000000' }), login.action);
    assert.equal(bad.status, 401);
    assert.match(bad.html, /not valid/);
    // Another browser (without the interaction cookie) cannot use the page.
    const stranger = await new Browser().fetch(login.action, {
      form: { ...login.fields, username: 'alice' },
    });
    assert.equal(stranger.status, 400);
  });

  it('answers a NUL in the username on the page with 400 and records the attempt (issue 11)', async () => {
    const browser = new Browser();
    const login = await authorize(browser, pkce().challenge);
    const page = await readForm(
      await submit(browser, login, { username: 'alice\u0000', password: PASSWORD }),
      login.action,
    );
    assert.equal(page.status, 400);
    assert.match(page.html, /NUL character/);
    const [event] = await hub.storage.audit.find({ action: 'sign-in', limit: 1 });
    assert.equal(event?.outcome, 'failure');
    assert.equal((event?.details as { username?: string }).username, 'alice\\u0000');
  });

  it('enrols a person of an organisation that requires 2FA while signing in', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const login = await authorize(browser, challenge);
    const enrol = await readForm(
      await submit(browser, login, { username: 'bob', password: PASSWORD }),
      login.action,
    );
    assert.equal(enrol.status, 200);
    const uri = /URI: <code>(otpauth:\/\/[^<]+)<\/code>/.exec(enrol.html)?.[1];
    const secret = /Key: <code>([A-Z2-7]+)<\/code>/.exec(enrol.html)?.[1];
    assert.ok(uri && secret, 'the page shows the otpauth:// URI and the key');
    assert.match(uri.replaceAll('&amp;', '&'), /secret=/);
    const codes = await readForm(await submit(browser, enrol, { code: currentTotp(secret) }), login.action);
    assert.equal(codes.status, 200);
    assert.equal([...codes.html.matchAll(/<li>[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}<\/li>/g)].length, 10);
    const tokens = await redeem(browser, await submit(browser, codes, {}), verifier);
    const bob = await hub.storage.users.findByUsername('bob');
    assert.equal(bob?.totpEnabled, true);
    const principal = await hub.oidc.verifyToken(tokens.access_token!, undefined as never);
    assert.equal(principal.userId, bob?.id);
    assert.equal(principal.role, 'org-user');
    // org-user lacks oidc-clients:manage even with the admin scope.
    assert.equal((await call('/api/v1/oidc-clients', tokens.access_token!)).status, 403);
  });

  it('refreshes tokens (the refresh token rotates)', async () => {
    const res = await fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'obshub-web',
      }),
    });
    const body = (await res.json()) as Record<string, string>;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.notEqual(body.refresh_token, refreshToken);
    assert.notEqual(body.access_token, adminToken);
    assert.equal((await call('/api/v1/oidc-clients', body.access_token!)).status, 200);
  });

  it('issues client-credentials tokens to clients of organisations, until they are deleted', async () => {
    const created = await call('/api/v1/oidc-clients', adminToken, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'station gateway', scopes: ['read'] }),
    });
    assert.equal(created.status, 201);
    const client = (await created.json()) as { clientId: string; clientSecret: string; orgId: string };
    assert.equal(client.orgId, 'oidc-org');

    const listed = (await (await call('/api/v1/oidc-clients', adminToken)).json()) as { clients: object[] };
    assert.equal(listed.clients.length, 1);
    assert.ok(!JSON.stringify(listed).includes(client.clientSecret));

    assert.equal((await clientCredentials(client.clientId, 'wrong-secret')).status, 401);
    const { status, body } = await clientCredentials(client.clientId, client.clientSecret);
    assert.equal(status, 200, JSON.stringify(body));
    const principal = await hub.oidc.verifyToken(body.access_token!, undefined as never);
    assert.deepEqual(
      {
        actor: principal.actor,
        role: principal.role,
        orgId: principal.orgId,
        scopes: [...principal.scopes!],
      },
      { actor: `client:${client.clientId}`, role: 'service', orgId: 'oidc-org', scopes: ['read'] },
    );
    assert.equal((await call('/collections', body.access_token!)).status, 200);
    assert.equal((await call('/api/v1/oidc-clients', body.access_token!)).status, 403);
    // A scope the client was not given is refused.
    const ingest = await clientCredentials(client.clientId, client.clientSecret, 'read ingest');
    assert.equal(ingest.status, 400);
    assert.equal(ingest.body.error, 'invalid_scope');

    // Another organisation's admin neither sees nor deletes it.
    const bob = (await hub.storage.users.findByUsername('bob'))!;
    const outsider = { ...userPrincipal(bob, 'session'), role: 'org-admin' as const };
    assert.deepEqual(await hub.identity.oidcClients.list(outsider), []);
    await assert.rejects(hub.identity.oidcClients.delete(outsider, client.clientId), { code: 'NOT_FOUND' });
    const deleted = await call(`/api/v1/oidc-clients/${client.clientId}`, adminToken, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.equal((await call('/collections', body.access_token!)).status, 401);
    assert.equal((await clientCredentials(client.clientId, client.clientSecret)).status, 401);
  });

  it('rotates the signing key: old tokens still verify, new ones carry the new kid', async () => {
    const { client, clientSecret } = await hub.identity.oidcClients.create(system, {
      name: 'rotation',
      orgId: hub.provider.orgId,
    });
    const before = (await clientCredentials(client.id, clientSecret)).body.access_token!;
    const oldKid = decodeProtectedHeader(before).kid;
    const { kid } = await rotateSigningKey(hub.storage, hub.identity.secrets, {
      audit: hub.identity.audit,
      actor: system,
    });
    await hub.oidc.reloadKeys();
    const after = (await clientCredentials(client.id, clientSecret)).body.access_token!;
    assert.equal(decodeProtectedHeader(after).kid, kid);
    assert.notEqual(kid, oldKid);
    const jwks = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: JWK[] };
    assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [kid, oldKid].sort());
    for (const token of [before, after]) {
      const principal = await hub.oidc.verifyToken(token, undefined as never);
      assert.equal(principal.orgId, hub.provider.orgId);
      assert.equal((await call('/collections', token)).status, 200);
    }
    // The person's token from before the rotation works too.
    assert.equal((await call('/api/v1/oidc-clients', adminToken)).status, 200);

    // Retiring the previous key takes it out of the JWKS; what it signed stops working.
    await assert.rejects(retireSigningKey(hub.storage, kid), /current signing key/);
    await retireSigningKey(hub.storage, oldKid!);
    await hub.oidc.reloadKeys();
    const left = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: JWK[] };
    assert.deepEqual(
      left.keys.map((k) => k.kid),
      [kid],
    );
    assert.equal((await call('/collections', before)).status, 401);
    assert.equal((await call('/collections', after)).status, 200);
  });

  it('answers 401 to bad, expired, forged and foreign tokens', async () => {
    const [current] = await hub.storage.oidc.listKeys('sig');
    const ownKey = JSON.parse(hub.identity.secrets.open('oidc-signing-key', current!.sealed)) as JWK;
    const signWith = async (
      key: CryptoKey | Uint8Array,
      kid: string,
      claims: Record<string, unknown>,
      exp: number,
    ) =>
      new SignJWT({ client_id: 'obshub-web', scope: 'read admin', ...claims })
        .setProtectedHeader({ alg: kid === 'ext-1' ? 'ES256' : 'RS256', typ: 'at+jwt', kid })
        .setIssuer(`${base}/oidc`)
        .setAudience(base)
        .setSubject((await hub.storage.users.findByUsername('alice'))!.id)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const expired = await signWith(await importJWK(ownKey, 'RS256'), ownKey.kid!, {}, now - 60);
    const valid = await signWith(await importJWK(ownKey, 'RS256'), ownKey.kid!, {}, now + 60);
    const other = await generateKeyPair('RS256');
    const forged = await signWith(other.privateKey, ownKey.kid!, {}, now + 60);
    const tampered = `${valid.slice(0, -4)}AAAA`;
    const foreign = await new SignJWT({ scope: 'read' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://elsewhere.example')
      .setAudience(base)
      .setSubject('x')
      .setExpirationTime('1m')
      .sign(issuerKey);
    assert.equal((await call('/api/v1/oidc-clients', valid)).status, 200, 'the control token works');
    for (const token of ['not-a-token', 'a.b.c', expired, forged, tampered, foreign]) {
      const res = await call('/collections', token);
      assert.equal(res.status, 401, token.slice(0, 20));
      assert.match(String(res.headers.get('www-authenticate')), /invalid_token/);
      assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
    }
  });

  it('accepts tokens of a trusted external issuer through its JWKS and maps their claims', async () => {
    const external = (claims: Record<string, unknown>, audience = 'obshub', key = issuerKey) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'ext-1' })
        .setIssuer(issuerUrl)
        .setAudience(audience)
        .setSubject('ext-user-1')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    const admin = await external({ org: 'oidc-org', realm_access: { roles: ['offline', 'obshub-admin'] } });
    const principal = await hub.oidc.verifyToken(admin, undefined as never);
    assert.deepEqual(
      { role: principal.role, orgId: principal.orgId, scopes: [...principal.scopes!].sort() },
      { role: 'org-admin', orgId: 'oidc-org', scopes: ['admin', 'read'] },
    );
    assert.equal((await call('/api/v1/oidc-clients', admin)).status, 200);
    const reader = await external({ org: 'oidc-org', realm_access: { roles: ['obshub-reader'] } });
    assert.equal((await call('/api/v1/oidc-clients', reader)).status, 403);
    assert.equal((await call('/collections', reader)).status, 200);
    // The token's scope narrows what the issuer may grant.
    const narrowed = await external({
      org: 'oidc-org',
      scope: 'openid read',
      realm_access: { roles: ['obshub-admin'] },
    });
    assert.equal((await call('/api/v1/oidc-clients', narrowed)).status, 403);
    const unmapped = await external({ org: 'oidc-org', realm_access: { roles: ['someone'] } });
    assert.equal((await call('/collections', unmapped)).status, 403);
    const unknownOrg = await external({ org: 'no-such-org', realm_access: { roles: ['obshub-admin'] } });
    assert.equal((await call('/collections', unknownOrg)).status, 403);
    const wrongAudience = await external(
      { org: 'oidc-org', realm_access: { roles: ['obshub-admin'] } },
      'other',
    );
    assert.equal((await call('/collections', wrongAudience)).status, 401);
    const otherKey = (await generateKeyPair('ES256')).privateKey;
    const badSignature = await external(
      { org: 'oidc-org', realm_access: { roles: ['obshub-admin'] } },
      'obshub',
      otherKey,
    );
    assert.equal((await call('/collections', badSignature)).status, 401);
  });

  it('records sign-ins, failures, client creation, token issuance and key rotation in the audit log', async () => {
    const alice = (await hub.storage.users.findByUsername('alice'))!;
    // Failed authentications after the first of an address's window are summed into `auth.failures`.
    await hub.identity.authFailures.flush();
    const events = await hub.identity.audit.find(system, { limit: 500 });
    const summed = (action: string, actor?: string) =>
      events.some(
        (e) =>
          e.action === 'auth.failures' &&
          (e.details.actions as Record<string, number>)[action] &&
          (!actor || (e.details.targets as Record<string, number>)[actor]),
      );
    const has = (action: string, outcome: string, actor?: string) =>
      events.some((e) => e.action === action && e.outcome === outcome && (!actor || e.actor === actor)) ||
      (outcome === 'failure' && summed(action, actor));
    assert.ok(has('sign-in', 'success', `user:${alice.id}`), 'sign-in success');
    assert.ok(has('sign-in', 'failure', `user:${alice.id}`), 'sign-in failure (wrong password)');
    assert.ok(has('sign-in.second-factor', 'failure', `user:${alice.id}`), 'wrong code');
    assert.ok(has('totp.enable', 'success'), 'enrolment during sign-in');
    assert.ok(has('oidc-client.create', 'success', `user:${alice.id}`), 'client created through the API');
    assert.ok(has('oidc-client.delete', 'success', `user:${alice.id}`), 'client deleted');
    assert.ok(has('token.issue', 'success'), 'token issued');
    assert.ok(has('token.issue', 'failure'), 'wrong client secret');
    assert.ok(has('signing-key.rotate', 'success', 'system'), 'key rotation');
    const signIn = events.find((e) => e.action === 'sign-in' && e.outcome === 'success')!;
    assert.equal(signIn.source, '127.0.0.1');
  });

  it('validates OIDC_TRUSTED_ISSUERS at start', () => {
    const bad = (value: string) =>
      assert.throws(() => loadConfig({ OIDC_TRUSTED_ISSUERS: value }), /OIDC_TRUSTED_ISSUERS/);
    bad('not json');
    bad('{}');
    bad('[{"issuer": "ftp://x", "audience": "a"}]');
    bad('[{"issuer": "https://x", "audience": "a", "roleMap": {"admin": "superuser"}}]');
    bad('[{"issuer": "https://x", "audience": "a", "scopes": ["write"]}]');
    const ok = loadConfig({ OIDC_TRUSTED_ISSUERS: '[{"issuer": "https://x", "audience": "a", "org": "o"}]' });
    assert.deepEqual(ok.oidcTrustedIssuers, [{ issuer: 'https://x', audience: 'a', org: 'o' }]);
    assert.deepEqual(loadConfig({}).oidcTrustedIssuers, []);
  });

  it('refuses to start with another OBSHUB_SECRET than the one that sealed the keys', async () => {
    const identity = { ...hub.identity, secrets: new SecretBox('another-secret-of-at-least-32-characters') };
    await assert.rejects(
      createOidc({ config: hub.config, storage: hub.storage, identity, log: hub.log }),
      /cannot be opened with this OBSHUB_SECRET/,
    );
  });

  it('purges expired provider artefacts', async () => {
    await hub.storage.oidc.upsertPayload('Session', 'stale', { uid: 'stale-uid' }, -10);
    assert.equal(await hub.storage.oidc.findPayload('Session', 'stale'), undefined);
    assert.ok((await hub.storage.oidc.purgeExpired()) >= 1);
  });
});
