// The API the web app added: the latest observation of every series (the map's colours and a station's
// latest values) and the ingest activity of the last hour (the operations page).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { system } from '../../src/core/access.js';
import { ObshubError } from '../../src/core/errors.js';
import { ADMIN_USERNAME, userPrincipal } from '../../src/identity/index.js';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { apiTypes, SCHEMA_FILE } from '../../web/scripts/apiTypes.js';

const C = '/collections/observations';
const TEMPERATURE = 'air_temperature:2.0:mean:PT1M';

describe(`web app API: latest values and ingest activity (${databaseKind})`, () => {
  let hub: TestHub;
  let adminToken: string;
  /** When the set-up stored its observations, minutes ago (fixed once: tests may cross a minute). */
  const ago: Record<number, string> = {};

  before(async () => {
    hub = await startTestHub();
    const admin = (await hub.storage.users.findByUsername(ADMIN_USERNAME))!;
    adminToken = `token-${admin.id}`;
    hub.gateway.setTokenVerifier(async (token) => {
      if (token !== adminToken) throw new ObshubError('UNAUTHENTICATED', 'unknown test token');
      return userPrincipal(admin, 'token');
    });
    await hub.identity.organisations.create(system, { id: 'closed-org', name: 'Closed' });
    await hub.identity.organisations.setAuthority(system, 'closed-org', 'org.closed', 'recommended');
    for (const m of [5, 10, 15, 20, 25, 30, 40]) ago[m] = minutesAgo(m);
    const at = (minutes: number, value: string, platform = '0-20000-0-06260', namingAuthority = 'nl.knmi') =>
      esohMessage({ datetime: ago[minutes], value, platform, namingAuthority });
    await hub.ingest.ingest(hub.provider.principal, [
      at(30, '1.5'),
      at(20, '2.5'),
      at(10, '3.5'),
      at(25, '9.5', '0-20000-0-06235'),
      esohMessage({
        datetime: minutesAgo(5),
        standardName: 'wind_speed',
        unit: 'm/s',
        level: '10.0',
        value: '4',
      }),
    ]);
    await hub.ingest.ingest(
      { ...system, role: 'service', orgId: 'closed-org', scopes: new Set(['ingest']) },
      [at(5, '7.0', '0-20000-0-99999', 'org.closed')],
    );
  });
  after(() => hub?.stop());

  const latest = async (query: string, headers: Record<string, string> = {}) => {
    const res = await hub.app.inject({ url: `${C}/latest?${query}`, headers });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/geo+json');
    return res.json<{
      timeStamp: string;
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    }>();
  };
  const values = (doc: Awaited<ReturnType<typeof latest>>) =>
    doc.features.map((f) => [f.properties.wigos_id, f.properties.value]);

  it('answers the latest value of each station for a parameter, with its time, unit and station', async () => {
    const doc = await latest(`parameter-name=${TEMPERATURE}`);
    assert.deepEqual(values(doc), [
      ['0-20000-0-06235', 9.5],
      ['0-20000-0-06260', 3.5],
    ]);
    const [, debilt] = doc.features;
    assert.deepEqual(debilt!.geometry.coordinates, [5.1797058644882, 52.098821802977]);
    assert.equal(debilt!.properties.datetime, ago[10]!.replace('.000Z', 'Z'));
    assert.equal(debilt!.properties.unit, 'Cel');
    assert.equal(debilt!.properties.naming_authority, 'nl.knmi');
    assert.equal(debilt!.properties.license, 'CC-BY-4.0');
  });

  it('shows the map as it was at an instant, and leaves out values older than `within`', async () => {
    const at = ago[15];
    assert.deepEqual(values(await latest(`parameter-name=${TEMPERATURE}&datetime=${at}`)), [
      ['0-20000-0-06235', 9.5],
      ['0-20000-0-06260', 2.5],
    ]);
    assert.deepEqual(values(await latest(`parameter-name=${TEMPERATURE}&datetime=${at}&within=PT8M`)), [
      ['0-20000-0-06260', 2.5],
    ]);
    assert.deepEqual(values(await latest(`parameter-name=${TEMPERATURE}&datetime=${ago[40]}`)), []);
  });

  it("answers every parameter of a station (the station panel's latest values)", async () => {
    const doc = await latest('platform=0-20000-0-06260');
    assert.deepEqual(
      doc.features.map((f) => [f.properties.parameter_name, f.properties.value]),
      [
        [TEMPERATURE, 3.5],
        ['wind_speed:10.0:mean:PT1M', 4],
      ],
    );
  });

  it("keeps other organisations' recommended series out", async () => {
    assert.deepEqual(values(await latest('platform=0-20000-0-99999')), []);
    const admin = await latest('platform=0-20000-0-99999', { authorization: `Bearer ${adminToken}` });
    assert.deepEqual(values(admin), [['0-20000-0-99999', 7]]);
  });

  it('refuses a bad datetime or within with problem+json', async () => {
    for (const query of ['datetime=yesterday', 'within=P1Y', `parameter-name=no_such:1:2:3`]) {
      const res = await hub.app.inject({ url: `${C}/latest?${query}` });
      assert.equal(res.statusCode, 400, query);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, query);
    }
  });

  it('counts the last hour of ingest per organisation, refused ingests and relay counters', async () => {
    const refused = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: hub.provider.headers,
      payload: [esohMessage({ namingAuthority: 'org.closed' })],
    });
    assert.equal(refused.statusCode, 403);
    const res = await hub.app.inject({
      url: '/api/v1/system/activity',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const activity = res.json();
    assert.equal(activity.bucketSeconds, 300);
    const byAuthority = Object.fromEntries(
      activity.ingest.map((r: { authority: string }) => [r.authority, r]),
    );
    assert.equal(byAuthority['nl.knmi'].orgId, hub.provider.orgId);
    assert.equal(byAuthority['nl.knmi'].observations, 5);
    assert.equal(
      byAuthority['nl.knmi'].buckets.reduce((a: number, b: number) => a + b, 0),
      5,
    );
    assert.equal(byAuthority['org.closed'].orgId, 'closed-org');
    assert.deepEqual(activity.rejected, [{ orgId: hub.provider.orgId, count: 1 }]);
    assert.equal(typeof activity.relay.delivered, 'number');
  });

  it('answers the next caller from the answer it kept, until the data changes', async () => {
    const ask = () => hub.app.inject({ url: `${C}/latest?parameter-name=${TEMPERATURE}` });
    // Two answers of the same minute (the ETag, and so what is kept, changes with the minute).
    let [first, again] = [await ask(), await ask()];
    if (again.headers.etag !== first.headers.etag) [first, again] = [again, await ask()];
    assert.equal(again.headers.etag, first.headers.etag);
    // A new answer would have a new timeStamp (to the millisecond).
    assert.equal(again.body, first.body, 'the kept answer, timeStamp included');
    await hub.ingest.ingest(hub.provider.principal, [
      esohMessage({ datetime: minutesAgo(1), value: '4.5', platform: '0-20000-0-06260' }),
    ]);
    const changed = await latest(`parameter-name=${TEMPERATURE}`);
    assert.deepEqual(values(changed), [
      ['0-20000-0-06235', 9.5],
      ['0-20000-0-06260', 4.5],
    ]);
  });

  it("gives the web app's API types: web/src/api/schema.d.ts is what the hub's OpenAPI document generates", async () => {
    const document = (await hub.app.inject('/openapi.json')).json();
    assert.equal(await apiTypes(document), readFileSync(SCHEMA_FILE, 'utf8'), 'run npm run api:types -w web');
  });
});
