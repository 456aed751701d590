// Who may write and read what, through the real gateway, identity service and database: credentials on
// ingest, tenant isolation, and `recommended` data visible only to its organisation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { system } from '../../src/core/access.js';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { storedCounts } from '../support/queries.js';

const C = '/collections/observations';

describe(`access to data (${databaseKind})`, () => {
  let hub: TestHub;
  /** Organisation `met-b`, owner of `org.met-b`, whose data is `recommended`. */
  let keyB: string;
  let readKeyB: string;

  const ingest = (headers: Record<string, string>, messages: unknown[]) =>
    hub.app.inject({ method: 'POST', url: '/ingest/json', headers, payload: messages });
  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ url, headers });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const stationB = esohMessage({
    platform: '0-20000-0-01001',
    namingAuthority: 'org.met-b',
    lat: 60.1,
    lon: 10.5,
    datetime: minutesAgo(5),
  });

  before(async () => {
    hub = await startTestHub();
    const { organisations, apiKeys } = hub.identity;
    await organisations.create(system, { id: 'met-b', name: 'Met B' });
    await organisations.setAuthority(system, 'met-b', 'org.met-b', 'recommended');
    keyB = (await apiKeys.create(system, { orgId: 'met-b', name: 'b', scopes: ['ingest', 'read'] })).key;
    readKeyB = (await apiKeys.create(system, { orgId: 'met-b', name: 'b read', scopes: ['read'] })).key;
    const a = await ingest(hub.provider.headers, [esohMessage({ datetime: minutesAgo(5) })]);
    assert.equal(a.statusCode, 200, a.body);
    const b = await ingest(bearer(keyB), [stationB]);
    assert.equal(b.statusCode, 200, b.body);
  });
  after(() => hub.stop());

  it('refuses ingest without credentials with 401, a WWW-Authenticate header and nothing stored', async () => {
    const before = await storedCounts(hub.storage);
    const res = await ingest({}, [esohMessage({ platform: '0-20000-0-00042', datetime: minutesAgo(1) })]);
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['www-authenticate']), /^Bearer realm="obshub"/);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.match(res.json().detail, /observations:ingest/);
    assert.deepEqual(await storedCounts(hub.storage), before);
  });

  it('refuses an unknown or malformed key with 401, whatever the route', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: 'Bearer obh_AAAAAAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { 'x-api-key': 'not-a-key' },
    ];
    for (const headers of attempts) {
      for (const url of ['/ingest/json', `${C}/locations`]) {
        const res = url === '/ingest/json' ? await ingest(headers, []) : await get(url, headers);
        assert.equal(res.statusCode, 401, `${url} ${JSON.stringify(headers)}: ${res.body}`);
      }
    }
  });

  it("refuses a key of one organisation for another's naming authority: 403, nothing stored, audited", async () => {
    const before = await storedCounts(hub.storage);
    const res = await ingest(hub.provider.headers, [
      esohMessage({ datetime: minutesAgo(1) }),
      { ...stationB, properties: { ...stationB.properties, datetime: minutesAgo(2) } },
    ]);
    assert.equal(res.statusCode, 403, res.body);
    assert.match(res.json().detail, /does not own the naming authority "org\.met-b"/);
    assert.deepEqual(await storedCounts(hub.storage), before);
    const [event] = await hub.storage.audit.find({ action: 'ingest.rejected', limit: 1 });
    assert.equal(event?.outcome, 'failure');
    assert.equal(event?.actor, hub.provider.principal.actor);
    assert.equal(event?.source, '127.0.0.1');
  });

  it('refuses ingest with a read-only key (403) and accepts the key as X-API-Key', async () => {
    const readOnly = await ingest({ 'x-api-key': readKeyB }, [stationB]);
    assert.equal(readOnly.statusCode, 403);
    assert.match(readOnly.json().detail, /lacks observations:ingest/);
    const viaHeader = await ingest({ 'x-api-key': keyB }, [stationB]);
    assert.equal(viaHeader.statusCode, 200, viaHeader.body);
  });

  it('hides recommended series from anonymous callers and other organisations', async () => {
    for (const headers of [{}, hub.provider.headers]) {
      const locations = (await get(`${C}/locations`, headers)).json();
      const ids = locations.features.map((f: { id: string }) => f.id);
      assert.ok(ids.includes('0-20000-0-06260'));
      assert.ok(!ids.includes('0-20000-0-01001'), JSON.stringify(headers));
      assert.equal((await get(`${C}/locations/0-20000-0-01001`, headers)).statusCode, 404);
      const items = (await get(`${C}/items?platform=0-20000-0-01001`, headers)).json();
      assert.equal(items.features?.length ?? 0, 0);
    }
  });

  it("leaves recommended series out of the collection's extent for everyone else", async () => {
    const east = async (headers: Record<string, string>) =>
      (await get(C, headers)).json().extent.spatial.bbox[0][2] as number;
    assert.ok((await east({})) < 6, 'anonymous: De Bilt only');
    assert.ok((await east(hub.provider.headers)) < 6, 'another organisation: De Bilt only');
    assert.equal(await east(bearer(readKeyB)), 10.5, "the owner sees its station's extent");
    const listed = (await get('/collections')).json().collections[0].extent.spatial.bbox[0][2];
    assert.ok(listed < 6);
  });

  it('shows recommended series to their organisation, privately cached', async () => {
    const res = await get(`${C}/locations/0-20000-0-01001`, bearer(readKeyB));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().type, 'Coverage');
    assert.match(String(res.headers['cache-control']), /^private/);
    assert.match(String(res.headers.vary), /Authorization/);
    const anonymous = await get(`${C}/locations`);
    assert.match(String(anonymous.headers['cache-control']), /^public/);
    const entitled = await get(`${C}/locations`, bearer(readKeyB));
    assert.notEqual(entitled.headers.etag, anonymous.headers.etag, 'other content, other ETag');
    const revalidated = await get(`${C}/locations`, { 'if-none-match': String(entitled.headers.etag) });
    assert.equal(
      revalidated.statusCode,
      200,
      "an entitled caller's ETag does not validate anonymous content",
    );
  });

  it("keeps anonymous ETags and Last-Modified when only another organisation's recommended data changes", async () => {
    const anonymousVersion = () => hub.storage.series.dataVersion(['org.met-b']);
    const before = await anonymousVersion();
    const hidden = await ingest(bearer(keyB), [
      { ...stationB, properties: { ...stationB.properties, datetime: minutesAgo(4) } },
    ]);
    assert.equal(hidden.statusCode, 200, hidden.body);
    assert.deepEqual(await anonymousVersion(), before, 'hidden activity does not show');
    // Over HTTP: the same ETag before and after, both read within one minute (the key holds the minute).
    for (;;) {
      const minute = Math.floor(Date.now() / 60_000);
      const first = await get(`${C}/locations`);
      const again = await ingest(bearer(keyB), [
        { ...stationB, properties: { ...stationB.properties, datetime: minutesAgo(3) } },
      ]);
      assert.equal(again.statusCode, 200);
      const second = await get(`${C}/locations`);
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      assert.equal(second.headers.etag, first.headers.etag);
      assert.equal(second.headers['last-modified'], first.headers['last-modified']);
      break;
    }
    const visible = await ingest(hub.provider.headers, [esohMessage({ datetime: minutesAgo(2) })]);
    assert.equal(visible.statusCode, 200);
    assert.ok((await anonymousVersion()).updatedMs! > before.updatedMs!, 'core data changes it');
  });

  it('stops accepting a revoked key at once', async () => {
    const { key, apiKey } = await hub.identity.apiKeys.create(system, {
      orgId: 'met-b',
      name: 'short-lived',
      scopes: ['read'],
    });
    assert.equal((await get(`${C}/locations`, bearer(key))).statusCode, 200);
    await hub.identity.apiKeys.revoke(system, apiKey.id);
    const res = await get(`${C}/locations`, bearer(key));
    assert.equal(res.statusCode, 401);
    assert.match(res.json().detail, /revoked/);
  });
});

describe(`access settings (${databaseKind})`, () => {
  it('ANONYMOUS_INGEST=on lets callers without credentials ingest; keys stay held to their organisation', async () => {
    const hub = await startTestHub({ ANONYMOUS_INGEST: 'on' });
    try {
      const anon = await hub.app.inject({
        method: 'POST',
        url: '/ingest/json',
        payload: [esohMessage({ namingAuthority: 'org.anyone', datetime: minutesAgo(1) })],
      });
      assert.equal(anon.statusCode, 200, anon.body);
      const keyed = await hub.app.inject({
        method: 'POST',
        url: '/ingest/json',
        headers: hub.provider.headers,
        payload: [esohMessage({ namingAuthority: 'org.anyone', datetime: minutesAgo(1) })],
      });
      assert.equal(keyed.statusCode, 403);
    } finally {
      await hub.stop();
    }
  });

  it('ANONYMOUS_READ=off needs credentials for data but not for the landing page or health', async () => {
    const hub = await startTestHub({ ANONYMOUS_READ: 'off' });
    try {
      assert.equal((await hub.app.inject({ url: `${C}/locations` })).statusCode, 401);
      assert.equal((await hub.app.inject({ url: '/' })).statusCode, 200);
      assert.equal((await hub.app.inject({ url: '/health' })).statusCode, 200);
      const keyed = await hub.app.inject({ url: `${C}/locations`, headers: hub.provider.headers });
      assert.notEqual(keyed.statusCode, 401);
    } finally {
      await hub.stop();
    }
  });
});
