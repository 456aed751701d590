// Pure notification rules: WIS2 topics and centre-ids, data_id, the WNM builder and validator, E-SOH's
// message body, the WCMP2 record and its metadata notification, the new settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { seriesTextFields } from '../../src/core/observation.js';
import { centreIdProblem, dataTopic, isKnownSubTopic, metadataTopic } from '../../src/core/wis2/topics.js';
import {
  buildWnm,
  dataId,
  edrLink,
  esohBody,
  esohTopic,
  esohTopicProblem,
  wnmProblems,
} from '../../src/notify/index.js';
import { topicProblem } from '../../src/notify/esohMessage.js';
import { datasetRecord, metadataNotification, type RecordSettings } from '../../src/records/index.js';
import type { OutboxEntry } from '../../src/storage/index.js';
import { validateWcmp2Schema, validateWnmSchema } from '../support/mqtt.js';
import { wcmp2Ets } from '../support/wcmp2.js';

const T = Date.UTC(2026, 10, 21, 12, 0, 0);

const noMetadata = Object.fromEntries(
  seriesTextFields.map((f) => [f.column, null]),
) as OutboxEntry['metadata'];

function entry(o: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    obstimeMs: T,
    pubtimeMs: T + 3000,
    lon: 5.1797058644882,
    lat: 52.098821802977,
    value: 4.5,
    valueText: null,
    qualityCode: null,
    camsl: null,
    history: null,
    processingLevel: null,
    namingAuthority: 'nl.knmi',
    platform: '0-20000-0-06260',
    standardName: 'air_temperature',
    levelCm: 200,
    function: 'mean',
    periodS: 60,
    instrument: '',
    parameterName: 'air_temperature:2.0:mean:PT1M',
    timeseriesId: '0123456789abcdef0123456789abcdef',
    unit: 'Cel',
    metadata: {
      ...noMetadata,
      title: 'Air temperature',
      summary: 'Test',
      license: 'CC-BY-4.0',
      conventions: 'CF-1.8',
    },
    links: [{ href: 'https://www.knmi.nl', rel: 'canonical' }],
    version: '4.0',
    ...o,
  };
}

const settings = {
  centreId: 'nl-knmi-nms',
  dataPolicy: 'core',
  subTopic: 'weather/surface-based-observations/synop',
  metadataId: 'urn:wmo:md:nl-knmi-nms:surface-weather-observations',
  publicUrl: 'https://hub.example.org',
};

describe('WIS2 topics', () => {
  it('accepts centre-ids of the WIS2 list and test ids only', () => {
    assert.equal(centreIdProblem('nl-knmi-nms'), undefined);
    assert.equal(centreIdProblem('xx-mine-test'), undefined);
    assert.equal(centreIdProblem('test-mine'), undefined);
    assert.match(centreIdProblem('xx-unknown') ?? '', /not in the WIS2 centre-id list/);
    assert.match(centreIdProblem('NL-KNMI') ?? '', /not a centre-id/);
    assert.match(centreIdProblem('nl.knmi') ?? '', /not a centre-id/);
  });

  it('knows the topic hierarchy below the data policy, and experimental sub-trees', () => {
    assert.ok(isKnownSubTopic('weather/surface-based-observations/synop'));
    assert.ok(isKnownSubTopic('climate/surface-based-observations/daily'));
    assert.ok(isKnownSubTopic('weather/experimental/road-weather'));
    assert.equal(isKnownSubTopic('weather/surface-based-observations/nonsense'), false);
    assert.equal(isKnownSubTopic('sunshine/experimental/x'), false);
  });

  it('builds the data and metadata topics', () => {
    const t = {
      centreId: 'nl-knmi-nms',
      dataPolicy: 'core',
      subTopic: 'weather/surface-based-observations/synop',
    };
    assert.equal(
      dataTopic(t),
      'origin/a/wis2/nl-knmi-nms/data/core/weather/surface-based-observations/synop',
    );
    assert.equal(metadataTopic(t), 'origin/a/wis2/nl-knmi-nms/metadata');
  });
});

describe('WIS2 notification message', () => {
  it('has a meaningful, deterministic data_id and an EDR canonical link for exactly this observation', () => {
    assert.equal(
      dataId(settings, entry()),
      'wis2/nl-knmi-nms/data/core/weather/surface-based-observations/synop/0-20000-0-06260/nl.knmi/air_temperature:2.0:mean:PT1M/20261121T120000Z',
    );
    assert.equal(dataId(settings, entry()), dataId(settings, entry({ value: 7 })));
    assert.match(
      dataId(settings, entry({ instrument: 'PT 100/a' })),
      /PT1M\/PT%20100%2Fa\/20261121T120000Z$/,
    );
    assert.equal(
      edrLink(settings.publicUrl, entry()),
      'https://hub.example.org/collections/observations/locations/0-20000-0-06260?parameter-name=air_temperature%3A2.0%3Amean%3APT1M&datetime=2026-11-21T12%3A00%3A00Z',
    );
  });

  it('is valid: official schema and pywis-pubsub checks', () => {
    const m = buildWnm(settings, entry({ camsl: 190 }), { pubtimeMs: T + 5000 });
    assert.deepEqual(wnmProblems(m), []);
    assert.ok(validateWnmSchema(structuredClone(m)));
    const p = m.properties as any;
    assert.equal(p.pubtime, '2026-11-21T12:00:05Z');
    assert.equal(p.datetime, '2026-11-21T12:00:00Z');
    assert.deepEqual((m.geometry as any).coordinates, [5.1797058644882, 52.098821802977, 1.9]);
    const content = JSON.parse(p.content.value);
    assert.equal(content.properties.observation, 4.5);
    assert.equal(content.properties.unit, 'Cel');
    assert.equal(p.content.size, Buffer.byteLength(p.content.value));
    assert.deepEqual(m.conformsTo, ['http://wis.wmo.int/spec/wnm/1/conf/core']);
  });

  it('leaves out the inline copy when it would not fit, and stays under 8192 bytes', () => {
    const m = buildWnm(settings, entry({ value: null, valueText: 'x'.repeat(6000) }));
    assert.equal('content' in (m.properties as object), false);
    assert.ok(Buffer.byteLength(JSON.stringify(m)) <= 8192);
    assert.deepEqual(wnmProblems(m), []);
  });

  it('reports every broken rule', () => {
    const good = buildWnm(settings, entry());
    const broken = structuredClone(good) as any;
    broken.version = 'v04';
    broken.id = 'not-a-uuid';
    broken.properties.datetime = '2026-11-21T12:00:00+01:00';
    broken.properties.content.value += ' ';
    broken.links.push({ href: 'mailto:x@example.org', rel: 'canonical' });
    const problems = wnmProblems(broken);
    for (const expected of [
      /^schema: /,
      /^id is not a UUID/,
      /^version \(deprecated\)/,
      /properties.datetime is not in UTC/,
      /does not use http, https, ftp or sftp/,
      /exactly one canonical, update or deletion link \(found 2\)/,
      /content.size/,
      /integrity.value does not match/,
    ])
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${expected} in ${problems.join('; ')}`,
      );
    assert.match(wnmProblems(good, ' '.repeat(9000)).join(), /more than 8192/);
  });

  it('checks what varies per observation in a message of a known shape, not its schema again', () => {
    const good = buildWnm(settings, entry());
    const broken = structuredClone(good) as any;
    broken.id = 'not-a-uuid';
    broken.properties.datetime = '2026-11-21T12:00:00+01:00';
    broken.properties.content.value += ' ';
    const problems = wnmProblems(broken, undefined, true);
    assert.ok(!problems.some((p) => p.startsWith('schema: ')), problems.join('; '));
    for (const expected of [/^id is not a UUID/, /properties.datetime is not in UTC/, /content.size/])
      assert.ok(
        problems.some((p) => expected.test(p)),
        `${expected} in ${problems.join('; ')}`,
      );
    assert.match(wnmProblems(good, ' '.repeat(9000), true).join(), /more than 8192/);
  });
});

describe("E-SOH's message", () => {
  it('is published on [prefix/]naming_authority/platform/standard_name', () => {
    assert.equal(esohTopic('', entry()), 'nl.knmi/0-20000-0-06260/air_temperature');
    assert.equal(esohTopic('dev/esoh', entry()), 'dev/esoh/nl.knmi/0-20000-0-06260/air_temperature');
    assert.match(topicProblem('a/+/b') ?? '', /wildcard/);
    assert.equal(topicProblem('a/b'), undefined);
    // A '/' inside a level built from data would add a level: each level is checked on its own.
    assert.equal(esohTopicProblem('dev/esoh', entry()), undefined);
    assert.match(
      esohTopicProblem('', entry({ namingAuthority: 'nl/knmi' })) ?? '',
      /^naming_authority "nl\/knmi" contains '\/'/,
    );
    assert.match(esohTopicProblem('', entry({ platform: '0-20000-0-8889#' })) ?? '', /^platform .* wildcard/);
    assert.match(topicProblem('a/b\u0000') ?? '', /NUL/);
  });

  it('has the body E-SOH publishes, keys in its order', () => {
    const body = esohBody(
      entry({ qualityCode: 0, camsl: 190 }),
      '6a1f0a52-2d6e-4f8e-9c2b-2a3e4b5c6d7e',
    ) as any;
    assert.deepEqual(Object.keys(body), ['type', 'geometry', 'properties', 'links', 'version', 'id']);
    assert.equal(body.id, 'urn:uuid:6a1f0a52-2d6e-4f8e-9c2b-2a3e4b5c6d7e');
    assert.deepEqual(body.geometry, {
      type: 'Point',
      coordinates: { lat: 52.098821802977, lon: 5.1797058644882 },
    });
    assert.deepEqual(Object.keys(body.properties), [
      'title',
      'summary',
      'license',
      'Conventions',
      'naming_authority',
      'platform',
      'level',
      'period',
      'period_int',
      'function',
      'datetime',
      'quality_code',
      'hamsl',
      'content',
      'data_id',
      'timeseries_id',
      'pubtime',
    ]);
    assert.equal(body.properties.level, '2.0');
    assert.equal(body.properties.period, 'PT1M');
    assert.equal(body.properties.period_int, 60);
    assert.equal(body.properties.datetime, '2026-11-21T12:00:00Z');
    assert.equal(body.properties.pubtime, '2026-11-21T12:00:03+00:00');
    assert.deepEqual(body.properties.content, {
      encoding: 'utf-8',
      value: '4.5',
      standard_name: 'air_temperature',
      unit: 'Cel',
    });
    assert.equal(body.properties.data_id, body.id);
  });
  it("lists every property, when each is given, in the order of E-SOH's message model", () => {
    const metadata = Object.fromEntries(
      seriesTextFields.map((f) => [f.column, f.key]),
    ) as OutboxEntry['metadata'];
    const full = entry({
      metadata,
      instrument: 'thermometer',
      history: 'h',
      processingLevel: 'p',
      qualityCode: 0,
      camsl: 190,
    });
    const properties = esohBody(full).properties as Record<string, unknown>;
    // E-SOH's api/esoh message model (ingest's pydantic Properties), field by field.
    assert.deepEqual(Object.keys(properties), [
      'title',
      'summary',
      'keywords',
      'keywords_vocabulary',
      'license',
      'Conventions',
      'naming_authority',
      'creator_type',
      'creator_name',
      'creator_email',
      'creator_url',
      'institution',
      'project',
      'source',
      'platform',
      'platform_name',
      'platform_vocabulary',
      'instrument',
      'instrument_vocabulary',
      'level',
      'period',
      'period_int',
      'function',
      'history',
      'datetime',
      'processing_level',
      'quality_code',
      'quality_code_vocabulary',
      'hamsl',
      'content',
      'data_id',
      'timeseries_id',
      'pubtime',
    ]);
    // Each text field under its E-SOH key, read from its column.
    for (const f of seriesTextFields) assert.equal(properties[f.key], f.key);
    assert.equal(properties.instrument, 'thermometer');
  });
});

describe('WCMP2 record', () => {
  const s: RecordSettings = {
    centreId: 'nl-knmi-nms',
    dataPolicy: 'core',
    dataTopic: 'origin/a/wis2/nl-knmi-nms/data/core/weather/surface-based-observations/synop',
    publicUrl: 'https://hub.example.org',
    brokerUrl: 'mqtts://broker.example.org:8883',
    brokerWebSocketUrl: undefined,
    organization: 'KNMI',
    email: 'wis@example.org',
    retentionSeconds: 86400,
  };
  const dates = { createdMs: T - 86_400_000, updatedMs: T - 3_600_000 };

  it('is valid with and without data', () => {
    const empty = datasetRecord(s, { bbox: null, interval: null }, dates, T);
    assert.equal(empty.geometry, null);
    assert.deepEqual(empty.time, { interval: ['2026-11-20T12:00:00Z', '..'], resolution: 'PT10M' });
    const full = datasetRecord(s, { bbox: [3.3, 50.7, 7.2, 53.6], interval: [T - 60_000, T] }, dates, T);
    assert.deepEqual(full.geometry?.coordinates[0]?.[2], [7.2, 53.6]);
    for (const record of [empty, full]) {
      assert.ok(validateWcmp2Schema(structuredClone(record)), JSON.stringify(validateWcmp2Schema.errors));
      assert.deepEqual(
        wcmp2Ets(record).filter((r) => r.code !== 'PASSED'),
        [],
      );
    }
    assert.equal(full.properties.created, '2026-11-20T12:00:00Z');
    assert.equal(full.properties.updated, '2026-11-21T11:00:00Z');
  });

  it('links a licence when the data policy is recommended', () => {
    const r = datasetRecord({ ...s, dataPolicy: 'recommended' }, { bbox: null, interval: null }, dates, T);
    assert.ok(r.links.some((l) => l.rel === 'license'));
    assert.deepEqual(
      wcmp2Ets(r).filter((x) => x.code !== 'PASSED'),
      [],
    );
  });

  it('has no notification links when the hub does not publish WIS2 notifications', () => {
    const r = datasetRecord({ ...s, brokerUrl: undefined }, { bbox: null, interval: null }, dates, T);
    assert.equal(
      r.links.some((l) => l.rel === 'items'),
      false,
    );
    assert.deepEqual(
      wcmp2Ets(r).filter((x) => x.code !== 'PASSED'),
      [],
    );
  });

  it('is announced by a valid metadata notification', () => {
    const r = datasetRecord(s, { bbox: null, interval: null }, dates, T);
    const first = metadataNotification(r, { centreId: 'nl-knmi-nms', publicUrl: s.publicUrl, update: false });
    const later = metadataNotification(r, { centreId: 'nl-knmi-nms', publicUrl: s.publicUrl, update: true });
    assert.deepEqual(wnmProblems(first), []);
    assert.deepEqual(wnmProblems(later), []);
    assert.equal((first.links as any)[0].rel, 'canonical');
    assert.equal((later.links as any)[0].rel, 'update');
  });
});

describe('notification settings', () => {
  it('have defaults: both kinds on, a test centre-id, core synop', () => {
    const c = loadConfig({});
    assert.equal(c.esohTopicsPublish, true);
    assert.equal(c.wis2Publish, true);
    assert.equal(c.wis2CentreId, 'obshub-test');
    assert.equal(c.wis2DataPolicy, 'core');
    assert.equal(c.wis2Topic, 'weather/surface-based-observations/synop');
    assert.equal(c.mqttTopicPrefix, '');
  });

  it('reject unknown centre-ids, topics and policies, naming the key', () => {
    try {
      loadConfig({ WIS2_CENTRE_ID: 'xx-nobody', WIS2_TOPIC: 'weather/nothing', WIS2_DATA_POLICY: 'open' });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 3);
      assert.match(err.problems.join('\n'), /WIS2_CENTRE_ID: .*not in the WIS2 centre-id list/);
      assert.match(err.problems.join('\n'), /WIS2_TOPIC: /);
      assert.match(err.problems.join('\n'), /WIS2_DATA_POLICY: /);
    }
    assert.equal(loadConfig({ MQTT_TOPIC_PREFIX: '/dev/esoh/' }).mqttTopicPrefix, 'dev/esoh');
    assert.equal(loadConfig({ WIS2_PUBLISH: 'off', ESOH_TOPICS_PUBLISH: 'OFF' }).wis2Publish, false);
  });
});
