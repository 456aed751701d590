// Notifications end to end: ingest through the API, receive with a real MQTT client on the embedded broker
// and on the machine's Mosquitto; broker outages; two relays; clients may not publish.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import mqtt from 'mqtt';
import pino from 'pino';
import { system } from '../../src/core/access.js';
import { normaliseBatch } from '../../src/ingest/normalise.js';
import { openBus } from '../../src/bus/index.js';
import { OutboxRelay, startEmbeddedBroker } from '../../src/notify/index.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { databaseKind, testDatabase } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { defaultLimits, esohMessage, minutesAgo } from '../support/messages.js';
import {
  isLeafTopic,
  MOSQUITTO_URL,
  subscribe,
  ThrowawayBroker,
  testTopics,
  validateWnmSchema,
  wis2TopicProblem,
  type Received,
  type Subscriber,
} from '../support/mqtt.js';
import { wnmProblems } from '../../src/notify/index.js';
import { waitUntil } from '../support/reliability.js';

const PARAMS = [
  { standardName: 'air_temperature', unit: 'Cel', value: '4.5' },
  { standardName: 'relative_humidity', unit: '%', value: '87' },
  { standardName: 'wind_speed', unit: 'm/s', value: '3.2', level: '10.0' },
];

/** `stations` × PARAMS × `times` observations, times ascending within each series. */
function batch(stations: number, times: number, firstStation = 1): any[] {
  const out = [];
  for (let s = 0; s < stations; s++) {
    for (const p of PARAMS) {
      for (let t = times; t >= 1; t--) {
        out.push(
          esohMessage({
            platform: `0-20000-0-${String(firstStation + s).padStart(5, '0')}`,
            lat: 50 + s / 10,
            lon: 5 + s / 10,
            datetime: minutesAgo(t),
            ...p,
          }),
        );
      }
    }
  }
  return out;
}

async function ingest(hub: TestHub, body: unknown) {
  const res = await hub.app.inject({
    method: 'POST',
    url: '/ingest/json',
    headers: hub.provider.headers,
    payload: body as object,
  });
  assert.equal(res.statusCode, 200, res.body);
}

/** The WIS2 settings of a relay the test starts itself: core data of `centre` on the synop topic. */
const relayWis2 = (centre: string, publicUrl: string) => ({
  centreId: centre,
  dataPolicy: 'core' as const,
  subTopic: 'weather/surface-based-observations/synop',
  metadataId: `urn:wmo:md:${centre}:surface-weather-observations`,
  publicUrl,
  topic: `origin/a/wis2/${centre}/data/core/weather/surface-based-observations/synop`,
});

/**
 * A hub with no relay of its own (the relays a test starts are the only ones) and a subscriber to its
 * WIS2 notifications, for the tests of one describe block.
 */
function hubWithoutRelay(topics: ReturnType<typeof testTopics>): { hub: TestHub; sub: Subscriber } {
  const started = {} as { hub: TestHub; sub: Subscriber };
  before(async () => {
    started.hub = await startTestHub({
      ...topics.env,
      ESOH_TOPICS_PUBLISH: 'off',
      SERVICES: 'ingest,query,broker',
    });
    started.sub = await subscribe(started.hub.broker.url, [`origin/a/wis2/${topics.centre}/data/#`]);
  });
  after(async () => {
    await started.sub.close();
    await started.hub.stop();
  });
  return started;
}

const esohOf = (prefix: string) => (messages: Received[]) =>
  messages.filter((m) => m.topic.startsWith(`${prefix}/`));
const wis2Of = (centre: string) => (messages: Received[]) =>
  messages.filter((m) => m.topic.startsWith(`origin/a/wis2/${centre}/data/`));

/** Checks the messages of one ingested batch: one per observation and kind, each valid. */
function checkBatch(sent: any[], received: Received[], prefix: string, centre: string, hub: TestHub) {
  const esoh = esohOf(prefix)(received);
  const wis2 = wis2Of(centre)(received);
  assert.equal(esoh.length, sent.length, 'one E-SOH message per observation');
  assert.equal(wis2.length, sent.length, 'one WIS2 notification per observation');

  const keyOf = (platform: string, name: string, datetime: string) =>
    `${platform} ${name} ${new Date(datetime).toISOString()}`;
  const expected = new Set(
    sent.map((m) => keyOf(m.properties.platform, m.properties.content.standard_name, m.properties.datetime)),
  );
  const esohKeys = new Set(
    esoh.map((m) => {
      assert.equal(
        m.topic,
        `${prefix}/nl.knmi/${m.json.properties.platform}/${m.json.properties.content.standard_name}`,
      );
      assert.match(m.json.id, /^urn:uuid:[0-9a-f-]{36}$/);
      assert.equal(m.json.properties.data_id, m.json.id);
      assert.match(m.json.properties.timeseries_id, /^[0-9a-f]{32}$/);
      assert.match(m.json.properties.pubtime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      assert.equal(m.json.properties.naming_authority, 'nl.knmi');
      return keyOf(
        m.json.properties.platform,
        m.json.properties.content.standard_name,
        m.json.properties.datetime,
      );
    }),
  );
  assert.deepEqual(esohKeys, expected);

  const dataIds = new Set<string>();
  for (const m of wis2) {
    assert.equal(wis2TopicProblem(m.topic), undefined, m.topic);
    assert.ok(isLeafTopic(m.topic), `${m.topic} is a leaf topic`);
    assert.equal(m.topic, `origin/a/wis2/${centre}/data/core/weather/surface-based-observations/synop`);
    const valid: boolean = validateWnmSchema(structuredClone(m.json));
    assert.ok(valid, JSON.stringify(validateWnmSchema.errors));
    assert.deepEqual(wnmProblems(m.json, m.payload), []);
    assert.ok(Buffer.byteLength(m.payload) <= 8192);
    assert.deepEqual(m.json.conformsTo, ['http://wis.wmo.int/spec/wnm/1/conf/core']);
    assert.equal('version' in m.json, false);
    const p = m.json.properties;
    assert.equal(p.metadata_id, `urn:wmo:md:${centre}:surface-weather-observations`);
    assert.match(
      p.data_id,
      new RegExp(`^wis2/${centre}/data/core/weather/surface-based-observations/synop/`),
    );
    dataIds.add(p.data_id);
    const [canonical] = m.json.links;
    assert.equal(canonical.rel, 'canonical');
    assert.equal(canonical.type, 'application/prs.coverage+json');
    const href = new URL(canonical.href);
    assert.equal(`${href.origin}`, hub.config.publicUrl);
    assert.equal(href.pathname, `/collections/observations/locations/${p.wigos_station_identifier}`);
    assert.equal(href.searchParams.get('datetime'), p.datetime);
    const content = JSON.parse(p.content.value);
    assert.equal(content.properties.datetime, p.datetime);
    assert.equal(href.searchParams.get('parameter-name'), content.properties.parameter_name);
    assert.equal(typeof content.properties.observation, 'number');
  }
  assert.equal(dataIds.size, sent.length, 'data_id is unique per observation');
}

describe(`notifications on the embedded broker (${databaseKind})`, () => {
  const topics = testTopics();
  const { prefix, centre } = topics;
  let hub: TestHub;
  let sub: Subscriber;
  before(async () => {
    hub = await startTestHub(topics.env);
    sub = await subscribe(hub.broker.url, topics.subscriptions);
  });
  after(async () => {
    await sub.close();
    await hub.stop();
  });

  it('announces every observation once on the E-SOH topic and once as a valid WIS2 notification', async () => {
    const sent = batch(4, 3);
    await ingest(hub, sent);
    await sub.waitFor((m) => m.length >= 2 * sent.length);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    checkBatch(sent, sub.messages, prefix, centre, hub);
    assert.deepEqual(await hub.relay.backlog(), { depth: 0, oldestAgeMs: 0 });
    assert.equal(hub.relay.counts().invalid, 0);
  });

  it('announces each series in order', async () => {
    sub.messages.length = 0;
    const sent = batch(2, 5, 100);
    await ingest(hub, sent);
    await sub.waitFor((m) => wis2Of(centre)(m).length >= sent.length);
    const bySeries = new Map<string, string[]>();
    for (const m of wis2Of(centre)(sub.messages)) {
      const c = JSON.parse(m.json.properties.content.value).properties;
      const key = `${c.wigos_station_identifier} ${c.parameter_name}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), c.datetime]);
    }
    for (const times of bySeries.values()) assert.deepEqual(times, [...times].sort());
  });

  it('announces recommended data without its values: no E-SOH message, a link-only WIS2 notification', async () => {
    sub.messages.length = 0;
    await hub.identity.organisations.create(system, { id: 'met-r', name: 'Met R' });
    await hub.identity.organisations.setAuthority(system, 'met-r', 'org.met-r', 'recommended');
    const { key } = await hub.identity.apiKeys.create(system, {
      orgId: 'met-r',
      name: 'r',
      scopes: ['ingest'],
    });
    const sent = esohMessage({ namingAuthority: 'org.met-r', platform: '0-20000-0-07001', value: '12.5' });
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: { authorization: `Bearer ${key}` },
      payload: [sent],
    });
    assert.equal(res.statusCode, 200, res.body);
    await sub.waitFor((m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    assert.equal(sub.messages.length, 1, sub.messages.map((m) => m.topic).join(', '));
    const [wnm] = sub.messages;
    assert.equal(
      wnm!.topic,
      `origin/a/wis2/${centre}/data/recommended/weather/surface-based-observations/synop`,
    );
    assert.deepEqual(wnmProblems(wnm!.json, wnm!.payload), []);
    assert.match(wnm!.json.properties.data_id, /\/data\/recommended\//);
    assert.equal(wnm!.json.properties.content, undefined);
    assert.ok(!wnm!.payload.includes('12.5'), 'the value is nowhere in the message');
    assert.equal(hub.relay.counts().invalid, 0);
  });

  it('refuses publications from clients', async () => {
    const intruder = await mqtt.connectAsync(hub.broker.url, { reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish(`origin/a/wis2/${centre}/data/core/weather/surface-based-observations/synop`, '{}', {
      qos: 1,
    });
    await closed; // aedes drops a client whose publication is not authorised
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(
      sub.messages.some((m) => m.payload === '{}'),
      false,
    );
    await intruder.endAsync(true);
  });
});

describe(`notifications through Mosquitto at ${MOSQUITTO_URL} (${databaseKind})`, () => {
  const topics = testTopics();
  const { prefix, centre } = topics;
  let hub: TestHub;
  let sub: Subscriber;
  before(async () => {
    hub = await startTestHub({ MQTT_URL: MOSQUITTO_URL, ...topics.env });
    sub = await subscribe(MOSQUITTO_URL, topics.subscriptions);
  });
  after(async () => {
    await sub.close();
    await hub.stop();
  });

  it('announces every observation once per kind, each valid', async () => {
    const sent = batch(3, 2);
    await ingest(hub, sent);
    await sub.waitFor((m) => m.length >= 2 * sent.length);
    await new Promise((r) => setTimeout(r, 300));
    checkBatch(sent, sub.messages, prefix, centre, hub);
  });
});

describe(`broker outage (${databaseKind})`, () => {
  const topics = testTopics();
  const { prefix, centre } = topics;
  const broker = new ThrowawayBroker();
  let hub: TestHub;
  before(async () => {
    await broker.start();
    hub = await startTestHub({ MQTT_URL: broker.url, ...topics.env });
  });
  after(async () => {
    await hub.stop();
    await broker.stop();
  });

  it('keeps ingesting while the broker is down and delivers everything once it is back', async () => {
    await broker.stop();
    await new Promise((r) => setTimeout(r, 300));
    const sent = batch(3, 4);
    await ingest(hub, sent.slice(0, 20));
    await ingest(hub, sent.slice(20));
    const backlog = await hub.relay.backlog();
    assert.equal(backlog.depth, sent.length);
    await broker.start(); // same port
    const sub = await subscribe(broker.url, topics.subscriptions);
    try {
      await sub.waitFor((m) => m.length >= 2 * sent.length, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      checkBatch(sent, sub.messages, prefix, centre, hub);
      assert.equal((await hub.relay.backlog()).depth, 0);
    } finally {
      await sub.close();
    }
  });
});

describe(`two relays on one database (${databaseKind})`, () => {
  const topics = testTopics();
  const { centre } = topics;
  let hub: TestHub;
  let second: OutboxRelay;
  let secondStorage: Storage | undefined;
  let sub: Subscriber;
  before(async () => {
    hub = await startTestHub({ ...topics.env, ESOH_TOPICS_PUBLISH: 'off' });
    // On PostgreSQL the second relay has its own connections, as a second process would.
    secondStorage = hub.config.databaseUrl
      ? await openStorage({
          databaseUrl: hub.config.databaseUrl,
          dataDir: hub.config.dataDir,
          retentionSeconds: null,
        })
      : undefined;
    second = new OutboxRelay({
      storage: secondStorage ?? hub.storage,
      broker: hub.broker,
      log: hub.log,
      esoh: null,
      wis2: relayWis2(centre, hub.config.publicUrl),
      batchSize: 7,
      pollMs: 20,
    }).start();
    sub = await subscribe(hub.broker.url, [`origin/a/wis2/${centre}/data/#`]);
  });
  after(async () => {
    await sub.close();
    await second.stop();
    await secondStorage?.close();
    await hub.stop();
  });

  it('announces every observation exactly once, each series in order', async () => {
    const sent = batch(10, 4);
    await ingest(hub, sent.slice(0, 60));
    await ingest(hub, sent.slice(60));
    // Then one batch per time step of the same series: every row shares its series with the one before.
    const steps = batch(3, 8, 50);
    const byTime = new Map<string, unknown[]>();
    for (const m of steps)
      byTime.set(m.properties.datetime, [...(byTime.get(m.properties.datetime) ?? []), m]);
    for (const time of [...byTime.keys()].sort()) await ingest(hub, byTime.get(time)!);
    const total = sent.length + steps.length;
    await sub.waitFor((m) => m.length >= total);
    await new Promise((r) => setTimeout(r, 500));
    const ids = sub.messages.map((m) => m.json.properties.data_id);
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total, 'no observation announced twice');
    assert.equal(hub.relay.counts().delivered + second.counts().delivered, total);
    const bySeries = new Map<string, string[]>();
    for (const m of sub.messages) {
      const c = JSON.parse(m.json.properties.content.value).properties;
      const key = `${c.wigos_station_identifier} ${c.parameter_name}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), c.datetime]);
    }
    for (const [series, times] of bySeries) {
      if (series.startsWith('0-20000-0-0005')) assert.deepEqual(times, [...times].sort(), series);
    }
  });
});

describe(`a relay renews the leases of what it works on (${databaseKind})`, () => {
  const topics = testTopics();
  const { centre } = topics;
  const started = hubWithoutRelay(topics);

  it('keeps rows whose publication outlasts the lease from another relay (no duplicates)', async () => {
    const { hub, sub } = started;
    const wis2 = relayWis2(centre, hub.config.publicUrl);
    // The first relay's broker holds every acknowledgement until the test lets it go; the second
    // relay counts its claims.
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const slowBroker = Object.create(hub.broker, {
      publish: {
        value: (...args: Parameters<TestHub['broker']['publish']>) =>
          gate.then(() => hub.broker.publish(...args)),
      },
    }) as TestHub['broker'];
    let secondClaims = 0;
    const countingOutbox = Object.create(hub.storage.outbox, {
      claim: {
        value: (...args: Parameters<Storage['outbox']['claim']>) => {
          secondClaims++;
          return hub.storage.outbox.claim(...args);
        },
      },
    }) as Storage['outbox'];
    const common = { log: hub.log, esoh: null, wis2, leaseSeconds: 3, pollMs: 20, publishTimeoutMs: 60_000 };
    const first = new OutboxRelay({ ...common, storage: hub.storage, broker: slowBroker });
    const second = new OutboxRelay({ ...common, storage: { outbox: countingOutbox }, broker: hub.broker });
    try {
      const sent = batch(3, 2);
      await ingest(hub, sent);
      first.start();
      // The first relay has claimed the batch (its lease of 3 s runs from then)...
      let claimedAt: Date | undefined;
      await waitUntil(async () => {
        const [row] = await hub.storage.db.query<{ leased: boolean; now: Date }>(
          'SELECT bool_and(lease_until IS NOT NULL) AS leased, now() FROM outbox',
        );
        if (row?.leased) claimedAt = row.now;
        return claimedAt !== undefined;
      }, 'the first relay to claim');
      second.start();
      // ...and the second has looked for work many times after that lease would have lapsed.
      await waitUntil(async () => {
        const [row] = await hub.storage.db.query<{ lapsed: boolean }>(
          "SELECT now() > $1::timestamptz + interval '5 seconds' AS lapsed",
          [claimedAt],
        );
        return row?.lapsed === true;
      }, 'the first lease to lapse');
      const seen = secondClaims;
      await waitUntil(() => secondClaims >= seen + 5, 'the second relay to look for work');
      letGo();
      await sub.waitFor((m) => m.length >= sent.length);
      await waitUntil(async () => (await first.backlog()).depth === 0, 'the outbox to drain');
      assert.equal(first.counts().delivered, sent.length);
      assert.equal(second.counts().delivered, 0, 'the second relay took rows the first still held');
      const ids = sub.messages.map((m) => m.json.properties.data_id);
      assert.equal(new Set(ids).size, ids.length, 'no observation announced twice');
    } finally {
      letGo();
      await second.stop();
      await first.stop();
    }
  });
});

describe(`a relay publishes the next batch of a series while the broker acknowledges the one before (${databaseKind})`, () => {
  const topics = testTopics();
  const { centre } = topics;
  const started = hubWithoutRelay(topics);
  beforeEach(() => {
    started.sub.messages.length = 0;
  });

  /** One batch per time step of the same 2 × 3 series, ingested in time order: [older, newer]. */
  async function twoSteps(): Promise<[any[], any[]]> {
    const { hub } = started;
    const steps = batch(2, 2, 70);
    const [older, newer] = [0, 1].map((i) => steps.filter((_, j) => j % 2 === i)) as [any[], any[]];
    await ingest(hub, older);
    await ingest(hub, newer);
    return [older, newer];
  }

  /** The times announced for each series, in the order they arrived. */
  function timesBySeries(messages: Received[]): string[][] {
    const bySeries = new Map<string, string[]>();
    for (const m of messages) {
      const c = JSON.parse(m.json.properties.content.value).properties;
      const key = `${c.wigos_station_identifier} ${c.parameter_name}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), c.datetime]);
    }
    return [...bySeries.values()];
  }

  /**
   * A relay claiming one row of `rowSize` observations at a time, through a broker that holds the outcome
   * of the first row's messages until `letGo` (published at once, or failing with `fail`).
   */
  function heldRelay(fail: boolean, rowSize: number) {
    const { hub } = started;
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let held: string | undefined;
    let attempts = 0;
    const broker = Object.create(hub.broker, {
      publish: {
        value: async (...args: Parameters<TestHub['broker']['publish']>) => {
          const datetime = JSON.parse(String(args[1])).properties.datetime as string;
          held ??= datetime;
          if (datetime !== held) return hub.broker.publish(...args);
          if (attempts++ >= 6) return hub.broker.publish(...args); // its second try goes through
          if (!fail) await hub.broker.publish(...args);
          await gate;
          if (fail) throw new Error('refused by the test');
        },
      },
    }) as TestHub['broker'];
    const relay = new OutboxRelay({
      storage: hub.storage,
      broker,
      log: hub.log,
      esoh: null,
      wis2: relayWis2(centre, hub.config.publicUrl),
      batchSize: rowSize, // one row per claim
      pollMs: 20,
      retryMs: 20,
    }).start();
    return { relay, letGo };
  }

  it('announces both in order without waiting for the first acknowledgements', async () => {
    const { sub } = started;
    const [older, newer] = await twoSteps();
    const { relay, letGo } = heldRelay(false, older.length);
    try {
      // The newer batch arrives while the older one's acknowledgements are still held.
      await sub.waitFor((m) => m.length >= older.length + newer.length);
      assert.equal((await relay.backlog()).depth, older.length + newer.length, 'nothing deleted yet');
      letGo();
      await waitUntil(async () => (await relay.backlog()).depth === 0, 'the outbox to drain');
      for (const times of timesBySeries(sub.messages)) assert.deepEqual(times, [...times].sort());
      assert.equal(relay.counts().delivered, older.length + newer.length);
    } finally {
      letGo();
      await relay.stop();
    }
  });

  it('announces the newer batch again after the older one when the older one fails', async () => {
    const { sub } = started;
    const [older, newer] = await twoSteps();
    const { relay, letGo } = heldRelay(true, older.length);
    try {
      await sub.waitFor((m) => m.length >= newer.length); // the newer one went out; the older one hangs
      letGo(); // and fails
      await waitUntil(async () => (await relay.backlog()).depth === 0, 'the outbox to drain');
      // Each series ends with its older time followed by its newer one: the newer batch was not kept
      // as delivered while the older one was announced again.
      for (const times of timesBySeries(sub.messages)) {
        assert.deepEqual(times.slice(-2), [...times.slice(-2)].sort(), times.join(', '));
        assert.equal(new Set(times).size, 2);
      }
      assert.equal(relay.counts().delivered, older.length + newer.length);
      assert.ok(relay.counts().publishFailures >= 1);
    } finally {
      letGo();
      await relay.stop();
    }
  });
});

describe(`MQTT over WebSocket on the HTTP port (${databaseKind})`, () => {
  const topics = testTopics();
  const { centre } = topics;
  let hub: TestHub;
  let url: string;
  before(async () => {
    hub = await startTestHub(topics.env);
    url = await hub.listen();
  });
  after(() => hub.stop());

  it('serves subscribers at /mqtt and refuses their publications', async () => {
    const wsUrl = `${url.replace(/^http/, 'ws')}/mqtt`;
    const sub = await subscribe(wsUrl, [`origin/a/wis2/${centre}/data/#`]);
    try {
      const sent = batch(1, 2);
      await ingest(hub, sent);
      await sub.waitFor((m) => m.length >= sent.length);
      for (const m of sub.messages) assert.deepEqual(wnmProblems(m.json, m.payload), []);
      const intruder = await mqtt.connectAsync(wsUrl, { reconnectPeriod: 0 });
      const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
      intruder.publish(`origin/a/wis2/${centre}/data/core/weather/surface-based-observations/synop`, '{}', {
        qos: 1,
      });
      await closed;
      await intruder.endAsync(true);
      assert.equal(
        sub.messages.some((m) => m.payload === '{}'),
        false,
      );
    } finally {
      await sub.close();
    }
  });
});

describe(
  `a relay in another process is woken by the commit (${databaseKind})`,
  { skip: databaseKind !== 'postgres' && 'PostgreSQL only (PGlite is one process)' },
  () => {
    it('delivers without waiting for its poll interval (LISTEN/NOTIFY)', async () => {
      const db = await testDatabase();
      const open = () =>
        openStorage({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, retentionSeconds: null });
      const writer = await open();
      await writer.migrate();
      const reader = await open();
      // Each side has its own PostgreSQL event bus, as two processes have.
      const writerBus = await openBus({ busUrl: undefined, databaseUrl: db.databaseUrl, onError: () => {} });
      const readerBus = await openBus({ busUrl: undefined, databaseUrl: db.databaseUrl, onError: () => {} });
      await readerBus.ready();
      const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, portExplicit: true });
      const { centre } = testTopics();
      const wis2 = relayWis2(centre, 'http://127.0.0.1:8080');
      const relay = new OutboxRelay({
        storage: reader,
        broker,
        bus: readerBus,
        log: pino({ level: 'silent' }),
        esoh: null,
        wis2,
        pollMs: 60_000,
      }).start();
      const sub = await subscribe(broker.url, [wis2.topic]);
      try {
        await new Promise((r) => setTimeout(r, 300)); // the relay has made its first (empty) claim
        const batchOf = normaliseBatch(
          batch(1, 2),
          {
            fromMs: null,
            toMs: Date.now() + 60_000,
            retention: '',
            futureTolerance: '',
          },
          defaultLimits,
        );
        await writer.observations.write(batchOf.observations, Date.now());
        await writerBus.publish('observations.committed', {
          count: batchOf.observations.length,
          authorities: ['no.met'],
        });
        await sub.waitFor((m) => m.length >= batchOf.observations.length, 5000);
      } finally {
        await sub.close();
        await relay.stop();
        await broker.close();
        await Promise.all([writerBus.close(), readerBus.close()]);
        await reader.close();
        await writer.close();
        await db.drop();
      }
    });
  },
);

describe(`announcements of expired observations (${databaseKind})`, () => {
  it('are dropped by retention when the broker stayed away that long', async () => {
    const broker = new ThrowawayBroker();
    await broker.start();
    const url = broker.url;
    await broker.stop(); // nothing listens there any more
    const hub = await startTestHub({ MQTT_URL: url, WIS2_CENTRE_ID: testTopics().centre });
    try {
      const sent = batch(2, 2);
      await ingest(hub, sent);
      assert.equal((await hub.relay.backlog()).depth, sent.length);
      const result = await hub.storage.retention.dropExpired(Date.now() + 60_000);
      assert.equal(result.deletedAnnouncements, sent.length);
      assert.equal((await hub.relay.backlog()).depth, 0);
    } finally {
      await hub.stop();
    }
  });
});
