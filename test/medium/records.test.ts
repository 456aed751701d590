// WCMP2 discovery metadata: the record validates against the official schema, passes pywcmp's checks and
// scores grade A; the Records API lists it; a metadata notification announces it, and announces changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hub } from '../../src/hub.js';
import { wnmProblems } from '../../src/notify/index.js';
import { databaseKind, testDatabase, type TestDatabase } from '../support/database.js';
import { openHub, startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import {
  subscribe,
  ThrowawayBroker,
  testTopics,
  validateWnmSchema,
  wis2TopicProblem,
} from '../support/mqtt.js';
import { wcmp2Ets, wcmp2Kpi } from '../support/wcmp2.js';

describe(`WCMP2 discovery metadata (${databaseKind})`, () => {
  const { centre } = testTopics();
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({
      WIS2_CENTRE_ID: centre,
      PUBLIC_URL: 'https://hub.example.org/api',
      METADATA_CONTACT_ORGANIZATION: 'Example Weather Service',
      METADATA_CONTACT_EMAIL: 'wis@example.org',
    });
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: hub.provider.headers,
      payload: [
        esohMessage({ platform: '0-20000-0-06260', lat: 52.1, lon: 5.18, datetime: minutesAgo(30) }),
        esohMessage({ platform: '0-20000-0-06280', lat: 53.12, lon: 6.58, datetime: minutesAgo(10) }),
      ],
    });
    assert.equal(res.statusCode, 200);
  });
  after(() => hub.stop());

  const get = async (url: string) => hub.app.inject({ method: 'GET', url });

  it('serves the record at /collections/observations/dataset with live extents', async () => {
    const res = await get('/collections/observations/dataset');
    assert.equal(res.statusCode, 200);
    const record = res.json();
    assert.equal(record.id, `urn:wmo:md:${centre}:surface-weather-observations`);
    assert.deepEqual(record.geometry.coordinates[0][0], [5.18, 52.1]);
    assert.deepEqual(record.geometry.coordinates[0][2], [6.58, 53.12]);
    assert.equal(record.time.interval[0], minutesAgo(30).replace('.000Z', 'Z'));
    assert.equal(record.time.interval[1], '..');
  });

  it('validates against the WCMP2 schema and passes every pywcmp check', async () => {
    const record = (await get('/collections/observations/dataset')).json();
    const results = wcmp2Ets(record);
    assert.deepEqual(
      results.filter((r) => r.code !== 'PASSED'),
      [],
    );
    assert.equal(results.length, 10);
    for (const link of record.links.filter((l: any) => l.channel))
      assert.equal(wis2TopicProblem(link.channel), undefined);
    assert.ok(
      record.links.some((l: any) => l.href.startsWith('mqtt://hub.example.org:') && l.rel === 'items'),
    );
    assert.ok(record.links.some((l: any) => l.href === 'wss://hub.example.org/api/mqtt'));
  });

  it('scores grade A on the WCMP2 KPIs, even counting external links and spelling as failures', async () => {
    const record = (await get('/collections/observations/dataset')).json();
    const prefix = 'https://hub.example.org/api';
    const kpi = await wcmp2Kpi(record, async (href) => {
      if (!href.startsWith(prefix)) return false; // no network in tests: external links count as broken
      return (await get(href.slice(prefix.length))).statusCode < 400;
    });
    console.log(
      `# WCMP2 KPI (worst case): ${kpi.score}/${kpi.total} = ${kpi.percentage}% grade ${kpi.grade}`,
    );
    console.log(`#   ${kpi.comments.join('; ')}`);
    assert.equal(kpi.grade, 'A');
  });

  it('lists the record through OGC API - Records', async () => {
    const collection = await get('/collections/discovery-metadata');
    assert.equal(collection.statusCode, 200);
    assert.equal(collection.json().itemType, 'record');
    const items = await get('/collections/discovery-metadata/items');
    assert.equal(items.statusCode, 200);
    assert.match(String(items.headers['content-type']), /^application\/geo\+json/);
    assert.equal(items.json().type, 'FeatureCollection');
    assert.equal(items.json().features.length, 1);
    const id = items.json().features[0].id;
    const item = await get(`/collections/discovery-metadata/items/${encodeURIComponent(id)}`);
    assert.equal(item.statusCode, 200);
    assert.equal(item.json().id, id);
    assert.equal(wcmp2Ets(item.json())[0]!.code, 'PASSED');
    const missing = await get('/collections/discovery-metadata/items/urn:wmo:md:xx-test:nothing');
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
  });
});

describe(`metadata notifications (${databaseKind})`, () => {
  const { centre } = testTopics();
  const broker = new ThrowawayBroker();
  let db: TestDatabase;
  before(async () => {
    await broker.start();
    db = await testDatabase();
  });
  after(async () => {
    await broker.stop();
    await db.drop();
  });

  const start = (env: Record<string, string> = {}): Promise<Hub> =>
    openHub(db, { MQTT_URL: broker.url, WIS2_CENTRE_ID: centre, ...env });

  it('announces the record once, and again as an update when it changes', async () => {
    const topic = `origin/a/wis2/${centre}/metadata`;
    const sub = await subscribe(broker.url, [`origin/a/wis2/${centre}/#`]);
    try {
      const first = await start();
      await sub.waitFor((m) => m.length >= 1);
      await first.close();
      const again = await start(); // unchanged: nothing new to announce
      await new Promise((r) => setTimeout(r, 500));
      await again.close();
      assert.equal(sub.messages.length, 1);
      const changed = await start({ METADATA_CONTACT_EMAIL: 'wis@example.org' });
      await sub.waitFor((m) => m.length >= 2);
      await changed.close();

      for (const [i, m] of sub.messages.entries()) {
        assert.equal(m.topic, topic);
        assert.equal(wis2TopicProblem(m.topic), undefined);
        const valid: boolean = validateWnmSchema(structuredClone(m.json));
        assert.ok(valid, JSON.stringify(validateWnmSchema.errors));
        assert.deepEqual(wnmProblems(m.json, m.payload), []);
        assert.equal(m.json.properties.metadata_id, `urn:wmo:md:${centre}:surface-weather-observations`);
        assert.equal(m.json.links[0].rel, i === 0 ? 'canonical' : 'update');
        assert.match(m.json.links[0].href, /\/collections\/discovery-metadata\/items\/urn%3Awmo%3Amd%3A/);
      }
    } finally {
      await sub.close();
    }
  });
});
