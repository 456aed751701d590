// Every ingest validation rule rejects with its exact JSON path; a valid batch normalises as E-SOH does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObshubError } from '../../src/core/errors.js';
import { scanBodyShape } from '../../src/ingest/bodyShape.js';
import { normaliseBatch, type Window } from '../../src/ingest/normalise.js';
import { topicProblem } from '../../src/core/mqttTopic.js';
import { buildWnm, esohBody, esohTopic, esohTopicProblem, wnmProblems } from '../../src/notify/index.js';
import { largestMessage, outboxEntryOf, WIDE } from '../support/largest.js';
import { defaultLimits, esohMessage } from '../support/messages.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0);
const window: Window = {
  fromMs: NOW - 86_400_000,
  toMs: NOW + 600_000,
  retention: 'PT24H',
  futureTolerance: 'PT10M',
};
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function problemsOf(messages: unknown, w: Window = window) {
  return normaliseBatch(messages, w, defaultLimits).problems.map((p) => `${p.path}: ${p.message}`);
}

/** A batch of three good messages with `mutate` applied to the second one. */
function withSecond(mutate: (m: any) => void) {
  const batch = [0, 1, 2].map((i) => esohMessage({ datetime: at(i) }));
  mutate(batch[1]);
  return batch;
}

describe('ingest validation: each rule rejects with its path', () => {
  const cases: [string, (m: any) => void, string][] = [
    ['missing summary', (m) => delete m.properties.summary, '/1/properties/summary: is required'],
    ['missing license', (m) => delete m.properties.license, '/1/properties/license: is required'],
    ['missing Conventions', (m) => delete m.properties.Conventions, '/1/properties/Conventions: is required'],
    [
      'missing naming_authority',
      (m) => delete m.properties.naming_authority,
      '/1/properties/naming_authority: is required',
    ],
    ['missing content', (m) => delete m.properties.content, '/1/properties/content: is required'],
    ['missing links', (m) => delete m.links, '/1/links: is required'],
    ['empty links', (m) => (m.links = []), '/1/links: must have at least 1 item(s)'],
    ['missing version', (m) => delete m.version, '/1/version: is required'],
    ['type not Feature', (m) => (m.type = 'Point'), '/1/type: must be "Feature"'],
    ['geometry not Point', (m) => (m.geometry.type = 'Polygon'), '/1/geometry/type: must be "Point"'],
    [
      'coordinates as array',
      (m) => (m.geometry.coordinates = [5, 52]),
      '/1/geometry/coordinates: must be of type object',
    ],
    [
      'latitude out of range',
      (m) => (m.geometry.coordinates.lat = 91),
      '/1/geometry/coordinates/lat: 91 is not a latitude from -90 to 90',
    ],
    [
      'longitude not a number',
      (m) => (m.geometry.coordinates.lon = 'east'),
      '/1/geometry/coordinates/lon: "east" is not a longitude from -180 to 180',
    ],
    [
      'bad WIGOS id',
      (m) => (m.properties.platform = '06260'),
      `/1/properties/platform: "06260" is not a WIGOS id: it needs 4 blocks separated by '-'`,
    ],
    [
      'level not metres',
      (m) => (m.properties.level = 'high'),
      '/1/properties/level: "high" is not a height in metres',
    ],
    [
      'level not finite',
      (m) => (m.properties.level = 'inf'),
      '/1/properties/level: "inf" is not a height in metres',
    ],
    [
      'period with a year',
      (m) => (m.properties.period = 'P1Y'),
      '/1/properties/period: "P1Y" has a year or month part, which has no fixed length in seconds',
    ],
    [
      'period not ISO',
      (m) => (m.properties.period = '10 minutes'),
      '/1/properties/period: "10 minutes" is not an ISO 8601 duration',
    ],
    [
      'unknown function',
      (m) => (m.properties.function = 'average'),
      '/1/properties/function: must be one of "point", "sum", "maximum", "maximum_absolute_value", "median", "mid_range", "minimum", "minimum_absolute_value", "mean", "mean_absolute_value", "mode", "root_mean_square", "variance"',
    ],
    [
      'datetime without zone',
      (m) => (m.properties.datetime = '2026-11-21T11:00:00'),
      '/1/properties/datetime: "2026-11-21T11:00:00" has no time zone; it must be UTC (Z)',
    ],
    [
      'datetime not UTC',
      (m) => (m.properties.datetime = '2026-11-21T11:00:00+01:00'),
      '/1/properties/datetime: "2026-11-21T11:00:00+01:00" is not in UTC',
    ],
    [
      'datetime too old',
      (m) => (m.properties.datetime = '2026-11-19T12:00:00Z'),
      '/1/properties/datetime: "2026-11-19T12:00:00Z" is older than the retention window (PT24H); the oldest accepted time is 2026-11-20T12:00:00Z',
    ],
    [
      'datetime in the future',
      (m) => (m.properties.datetime = '2026-11-21T12:30:00Z'),
      '/1/properties/datetime: "2026-11-21T12:30:00Z" is more than PT10M in the future; the latest accepted time is 2026-11-21T12:10:00Z',
    ],
    [
      'unknown standard name',
      (m) => (m.properties.content.standard_name = 'air_temprature'),
      '/1/properties/content/standard_name: "air_temprature" is not a CF standard name',
    ],
    [
      'unknown unit',
      (m) => (m.properties.content.unit = 'F'),
      '/1/properties/content/unit: unit "F" is not known for air_temperature; use one of "Cel", "degC", "K"',
    ],
    [
      'bad encoding',
      (m) => (m.properties.content.encoding = 'latin1'),
      '/1/properties/content/encoding: must be one of "utf-8", "base64", "gzip"',
    ],
    [
      'quality_code without vocabulary',
      (m) => (m.properties.quality_code = 0),
      '/1/properties/quality_code_vocabulary: is required when quality_code is given',
    ],
    [
      'quality_code not an integer',
      (m) => ((m.properties.quality_code = 1.5), (m.properties.quality_code_vocabulary = 'x')),
      '/1/properties/quality_code: must be of type integer',
    ],
    [
      'hamsl not a number',
      (m) => (m.properties.hamsl = 'high'),
      '/1/properties/hamsl: must be of type number',
    ],
    [
      'creator_type not in vocabulary',
      (m) => (m.properties.creator_type = 'robot'),
      '/1/properties/creator_type: must be one of "person", "group", "institution", "position"',
    ],
    [
      'summary not a string',
      (m) => (m.properties.summary = 3),
      '/1/properties/summary: must be of type string',
    ],
    ['message not an object', (m) => Object.keys(m).forEach((k) => delete m[k]), '/1/type: is required'],
  ];
  // Issue 11: what the database, a WIS2 notification or an MQTT topic cannot take is refused here, with
  // the path and the limit, instead of failing later (a 500, or an observation never announced).
  const guards: [string, (m: any) => void, string][] = [
    [
      'hamsl beyond the integer column (cm)',
      (m) => (m.properties.hamsl = 3e7),
      '/1/properties/hamsl: 30000000 is outside the heights the hub stores, -21474836.48 to 21474836.47 m',
    ],
    [
      'level beyond the integer column (cm)',
      (m) => (m.properties.level = '1e9'),
      '/1/properties/level: "1e9" is outside the levels the hub stores, -21474836.48 to 21474836.47 m',
    ],
    [
      'period beyond the integer column (s)',
      (m) => (m.properties.period = 'PT2147483648S'),
      '/1/properties/period: "PT2147483648S" is longer than the longest period the hub stores, P24855DT3H14M7S (2147483647 s)',
    ],
    [
      'quality_code beyond the integer column',
      (m) => ((m.properties.quality_code = 2147483648), (m.properties.quality_code_vocabulary = 'x')),
      '/1/properties/quality_code: must be at most 2147483647',
    ],
    [
      'quality_code below the integer column',
      (m) => ((m.properties.quality_code = -2147483649), (m.properties.quality_code_vocabulary = 'x')),
      '/1/properties/quality_code: must be at least -2147483648',
    ],
    [
      'NUL in naming_authority',
      (m) => (m.properties.naming_authority = 'org.other\u0000'),
      '/1/properties/naming_authority: contains a NUL character (U+0000), which cannot be stored',
    ],
    [
      'lone surrogate',
      (m) => (m.properties.summary = 'x\ud800'),
      '/1/properties/summary: contains an unpaired surrogate (\\ud800), which is not Unicode text',
    ],
    [
      'lone low surrogate in a link',
      (m) => (m.links[0].title = '\udc00x'),
      '/1/links/0/title: contains an unpaired surrogate (\\udc00), which is not Unicode text',
    ],
    [
      'a latitude beyond a double (JSON 1e400)',
      (m) => (m.geometry.coordinates.lat = -Infinity),
      '/1/geometry/coordinates/lat: -Infinity is not a latitude from -90 to 90',
    ],
    [
      'a value beyond a double (JSON 1e400)',
      (m) => (m.properties.content.value = Infinity),
      '/1/properties/content/value: Infinity is not a finite number',
    ],
    [
      'a link length beyond a safe integer',
      (m) => (m.links[0].length = 2 ** 60),
      '/1/links/0/length: must be at most 9007199254740991',
    ],
    [
      'a number beyond a double (JSON 1e400)',
      (m) => (m.properties.hamsl = Infinity),
      '/1/properties/hamsl: Infinity is outside the heights the hub stores, -21474836.48 to 21474836.47 m',
    ],
    [
      'value "1e400"',
      (m) => (m.properties.content.value = '1e400'),
      '/1/properties/content/value: "1e400" is not a finite number',
    ],
    [
      'value "inf"',
      (m) => (m.properties.content.value = 'inf'),
      '/1/properties/content/value: "inf" is not a finite number',
    ],
    [
      'value "-Infinity"',
      (m) => (m.properties.content.value = '-Infinity'),
      '/1/properties/content/value: "-Infinity" is not a finite number',
    ],
    [
      'value "nan"',
      (m) => (m.properties.content.value = ' NaN '),
      '/1/properties/content/value: " NaN " is not a finite number',
    ],
    [
      'value that overflows when converted',
      (m) => {
        m.properties.content.standard_name = 'duration_of_sunshine';
        m.properties.content.unit = 'minutes';
        m.properties.content.value = '1e307';
      },
      '/1/properties/content/value: "1e307" is not a finite number once converted to s',
    ],
    [
      'a value to convert with more decimals than can be kept',
      (m) => ((m.properties.content.unit = 'K'), (m.properties.content.value = `280.${'1'.repeat(101)}`)),
      `/1/properties/content/unit: value "280.${'1'.repeat(101)}" has more than 100 decimals, too many to keep when converting K to Cel`,
    ],
    [
      'text value with a control character',
      (m) => (m.properties.content.value = 'CAV\u0007OK'),
      '/1/properties/content/value: contains a control character',
    ],
    [
      'instrument longer than an announcement allows',
      (m) => (m.properties.instrument = 'x'.repeat(8000)),
      '/1/properties/instrument: must have at most 128 characters',
    ],
    [
      'text value longer than an announcement allows',
      (m) => (m.properties.content.value = 'x'.repeat(257)),
      '/1/properties/content/value: must have at most 256 characters',
    ],
    [
      'level text longer than any number',
      (m) => (m.properties.level = '1'.repeat(65)),
      '/1/properties/level: must have at most 64 characters',
    ],
    [
      'a 1 MB link',
      (m) => (m.links[0].href = 'x'.repeat(1 << 20)),
      '/1/links/0/href: must have at most 2048 characters',
    ],
    [
      'summary above INGEST_MAX_TEXT_LENGTH',
      (m) => (m.properties.summary = 'x'.repeat(1025)),
      '/1/properties/summary: must have at most 1024 characters (INGEST_MAX_TEXT_LENGTH)',
    ],
    [
      'a link title above INGEST_MAX_TEXT_LENGTH',
      (m) => (m.links[0].title = 'é'.repeat(1025)),
      '/1/links/0/title: must have at most 1024 characters (INGEST_MAX_TEXT_LENGTH)',
    ],
    [
      'more links than INGEST_MAX_LINKS',
      (m) => (m.links = new Array(11).fill(m.links[0])),
      '/1/links: must have at most 10 items (INGEST_MAX_LINKS)',
    ],
    [
      'too many keywords',
      (m) => (m.properties.keywords = new Array(101).fill('k').join(',')),
      '/1/properties/keywords: must have at most 100 comma-separated keywords',
    ],
    [
      'naming_authority longer than a topic level allows',
      (m) => (m.properties.naming_authority = 'n'.repeat(256)),
      '/1/properties/naming_authority: must have at most 255 characters',
    ],
    [
      'naming_authority with a slash',
      (m) => (m.properties.naming_authority = 'https://knmi.nl'),
      `/1/properties/naming_authority: "https://knmi.nl" is not a naming authority: it contains '/', which would split it into several topic levels`,
    ],
    [
      'naming_authority with a wildcard',
      (m) => (m.properties.naming_authority = 'nl.knmi+'),
      `/1/properties/naming_authority: "nl.knmi+" is not a naming authority: it contains an MQTT wildcard ('#' or '+')`,
    ],
    [
      'naming_authority with a space',
      (m) => (m.properties.naming_authority = 'nl knmi'),
      '/1/properties/naming_authority: "nl knmi" is not a naming authority: use printable ASCII without spaces, e.g. nl.knmi',
    ],
    [
      'platform with a wildcard',
      (m) => (m.properties.platform = '0-20000-0-8889#'),
      `/1/properties/platform: "0-20000-0-8889#" is not a WIGOS id: the local identifier contains an MQTT wildcard ('#' or '+')`,
    ],
    [
      'platform with a slash',
      (m) => (m.properties.platform = '0-20000-0-88/89'),
      `/1/properties/platform: "0-20000-0-88/89" is not a WIGOS id: the local identifier contains '/', which would split it into several topic levels`,
    ],
    [
      'platform with a tab',
      (m) => (m.properties.platform = '0-20000-0-88\t89'),
      '/1/properties/platform: "0-20000-0-88\t89" is not a WIGOS id: the local identifier contains a space or control character',
    ],
    [
      'platform longer than a WIGOS id needs',
      (m) => (m.properties.platform = `${'0'.repeat(60)}-20000-0-1`),
      '/1/properties/platform: must have at most 64 characters',
    ],
  ];
  cases.push(...guards);
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const problems = problemsOf(withSecond(mutate));
      assert.ok(problems.includes(expected), `expected ${expected}\n got ${problems.join('\n     ')}`);
      assert.ok(
        problems.every((p) => p.startsWith('/1/')),
        'only the bad message is blamed',
      );
    });
  }

  it('lists every problem of every message at once', () => {
    const batch = [
      esohMessage({ period: 'P1M', datetime: at(0) }),
      esohMessage({ platform: 'x', unit: 'F', datetime: at(1) }),
    ];
    const problems = problemsOf(batch);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems[0]?.startsWith('/0/properties/period'));
  });

  it('returns no observation at all when one message is bad', () => {
    const result = normaliseBatch(
      withSecond((m) => (m.properties.platform = 'bad')),
      window,
      defaultLimits,
    );
    assert.equal(result.observations.length, 0);
  });

  it('uses paths without an index for a single message', () => {
    assert.deepEqual(problemsOf({ ...esohMessage({ datetime: at(0) }), version: undefined }), [
      '/version: is required',
    ]);
  });

  it('rejects an empty batch and non-objects', () => {
    assert.deepEqual(problemsOf([]), [': the batch is empty']);
    assert.deepEqual(problemsOf([42]), ['/0: must be of type object']);
  });
});

describe('ingest normalisation', () => {
  it('computes E-SOH identity, converts units and keeps exact coordinates', () => {
    const m = esohMessage({
      unit: 'K',
      value: '277.65',
      level: '1',
      period: 'pt10m',
      datetime: '2026-11-21T11:50:00Z',
    });
    m.geometry.coordinates = { lat: '52.098821802977', lon: 5.1797058644882 };
    m.properties.content.standard_name = ' air_temperature ';
    m.properties.hamsl = 1.9;
    const [o] = normaliseBatch([m], window, defaultLimits).observations;
    assert.ok(o);
    assert.equal(o.series.parameterName, 'air_temperature:1.0:mean:PT10M');
    assert.equal(o.series.levelCm, 100);
    assert.equal(o.series.periodS, 600);
    assert.equal(o.series.metadata.unit, 'Cel');
    assert.equal(o.value, 4.5);
    assert.equal(o.lat, 52.098821802977);
    assert.equal(o.lon, 5.1797058644882);
    assert.equal(o.camsl, 190);
    assert.equal(o.obstimeMs, Date.UTC(2026, 10, 21, 11, 50));
  });

  it('keeps non-numeric values as text', () => {
    const [o] = normaliseBatch(
      [esohMessage({ standardName: 'visibility_in_air', unit: 'm', value: 'CAVOK', datetime: at(0) })],
      window,
      defaultLimits,
    ).observations;
    assert.equal(o?.value, null);
    assert.equal(o?.valueText, 'CAVOK');
  });

  it('drops in-batch duplicates (same series and time), keeping the first', () => {
    const batch = [
      esohMessage({ value: '1', datetime: at(0) }),
      esohMessage({ value: '2', datetime: at(0) }),
      esohMessage({ value: '3', datetime: at(1) }),
    ];
    const result = normaliseBatch(batch, window, defaultLimits);
    assert.equal(result.duplicates, 1);
    assert.deepEqual(
      result.observations.map((o) => o.value),
      [1, 3],
    );
  });

  it('treats a different instrument as a different series', () => {
    const batch = [
      esohMessage({ instrument: 'a', datetime: at(0) }),
      esohMessage({ instrument: 'b', datetime: at(0) }),
    ];
    assert.equal(normaliseBatch(batch, window, defaultLimits).duplicates, 0);
  });

  it('accepts any time when the window is unlimited', () => {
    const result = normaliseBatch(
      [esohMessage({ datetime: '2022-12-31T00:00:00Z' })],
      {
        ...window,
        fromMs: null,
      },
      defaultLimits,
    );
    assert.equal(result.problems.length, 0);
  });
});

describe('ingest guard rails (issue 11)', () => {
  it('lists at most 100 problems of a hostile batch, with the number of invalid messages', () => {
    const result = normaliseBatch(new Array(10_000).fill({}), window, defaultLimits);
    assert.equal(result.problems.length, 100);
    assert.equal(result.invalidMessages, 10_000);
    assert.equal(result.messages, 10_000);
    assert.equal(result.truncated, true);
    assert.ok(JSON.stringify(result.problems).length < 10_000);
  });

  it('is not truncated when every problem is listed', () => {
    const result = normaliseBatch(
      withSecond((m) => (m.properties.period = 'P1Y')),
      window,
      defaultLimits,
    );
    assert.deepEqual([result.problems.length, result.invalidMessages, result.truncated], [1, 1, false]);
  });

  it('refuses more messages than INGEST_MAX_MESSAGES before validating any', () => {
    assert.throws(
      () => normaliseBatch(new Array(11).fill({}), window, { ...defaultLimits, maxMessages: 10 }),
      (err: unknown) =>
        err instanceof ObshubError &&
        err.status === 413 &&
        err.message ===
          'the batch has more than 10 messages (INGEST_MAX_MESSAGES); send at most 10 per request',
    );
  });

  it('truncates levels toward zero as Python int() does, without a negative zero', () => {
    // int(float(level) * 100) and str(cm / 100) in Python 3:
    const python: [string, number, string][] = [
      ['-0.001', 0, '0.0'],
      ['-0.009', 0, '0.0'],
      ['-0', 0, '0.0'],
      ['-0.0', 0, '0.0'],
      ['-1e-9', 0, '0.0'],
      ['-0.01', -1, '-0.01'],
      ['0.29', 28, '0.28'],
      ['-0.29', -28, '-0.28'],
      ['1.005', 100, '1.0'],
      ['-2.5', -250, '-2.5'],
      ['0.57', 56, '0.56'],
      ['21474836.47', 2147483647, '21474836.47'],
      ['-21474836.48', -2147483648, '-21474836.48'],
    ];
    for (const [level, cm, name] of python) {
      const [o] = normaliseBatch(
        [esohMessage({ level, datetime: at(0) })],
        window,
        defaultLimits,
      ).observations;
      assert.ok(o, level);
      assert.ok(Object.is(o.series.levelCm, cm), `${level} → ${o.series.levelCm} cm, Python ${cm}`);
      assert.equal(o.series.parameterName, `air_temperature:${name}:mean:PT1M`, level);
    }
  });

  it('accepts the edges of every integer column', () => {
    const m = esohMessage({ level: '21474836.47', period: 'PT2147483647S', datetime: at(0) });
    m.properties.quality_code = -2147483648;
    m.properties.quality_code_vocabulary = 'x';
    m.properties.hamsl = 21474836.47;
    const [o] = normaliseBatch([m], window, defaultLimits).observations;
    assert.deepEqual(
      [o?.series.levelCm, o?.series.periodS, o?.qualityCode, o?.camsl],
      [2147483647, 2147483647, -2147483648, 2147483647],
    );
  });

  it('ignores unknown properties whatever they hold (they are never stored)', () => {
    const m = esohMessage({ datetime: at(0) });
    m.properties.parameter_name = 'x\u0000';
    m.properties['a\u0000'] = '\ud800';
    m.links[0].extra = JSON.parse(`${'['.repeat(100)}1${']'.repeat(100)}`);
    const [o] = normaliseBatch([m], window, defaultLimits).observations;
    assert.ok(o);
    assert.deepEqual(o.series.metadata.links, [{ href: 'https://example.org/doc', rel: 'canonical' }]);
  });

  it("keeps a link's known members only, as E-SOH does", () => {
    const m = esohMessage({ datetime: at(0) });
    m.links[0].extra = { anything: [1, 2, 3] };
    const [o] = normaliseBatch([m], window, defaultLimits).observations;
    assert.deepEqual(o?.series.metadata.links, [{ href: 'https://example.org/doc', rel: 'canonical' }]);
  });

  it('accepts the largest message, and its WIS2 and E-SOH messages pass the notification rules', () => {
    const settings = {
      centreId: 'xx-obshub0123abcd-test',
      dataPolicy: 'recommended',
      subTopic: 'weather/surface-based-observations/synop',
      metadataId: 'urn:wmo:md:xx-obshub0123abcd-test:surface-weather-observations',
      publicUrl: 'https://observations.example.org:8443/a/path/prefix/of/some/length',
    };
    // Values that grow most in a notification: 4-byte characters, quotes, backslashes, a long number.
    for (const value of [WIDE.repeat(256), '"'.repeat(256), '\\'.repeat(256), `1.${'1'.repeat(254)}`]) {
      const m = largestMessage(defaultLimits, new Date(NOW - 1).toISOString(), value);
      const result = normaliseBatch([m], window, defaultLimits);
      assert.deepEqual(result.problems, []);
      const entry = outboxEntryOf(result.observations[0]!);
      for (const withValue of [true, false]) {
        const wnm = buildWnm(settings, entry, { withValue });
        const json = JSON.stringify(wnm);
        assert.deepEqual(wnmProblems(wnm, json), [], `${Buffer.byteLength(json)} bytes`);
      }
      for (const prefix of ['', 'obshub/esoh']) {
        assert.equal(esohTopicProblem(prefix, entry), undefined);
        assert.equal(topicProblem(esohTopic(prefix, entry)), undefined);
      }
      // The E-SOH message repeats the series metadata: bounded by the limits (about 150 KB at most).
      assert.ok(Buffer.byteLength(JSON.stringify(esohBody(entry))) < 160_000);
    }
  });
});

describe('ingest body shape, read from the bytes before parsing', () => {
  const limits = { maxItems: 10_000, maxInnerItems: 1000, maxDepth: 16 };
  const shapeOf = (text: string) => scanBodyShape(Buffer.from(text), limits);

  it('names the path where a body nests too deep (5 000 levels inside links)', () => {
    const message = JSON.stringify(esohMessage()).replace(
      '"rel":"canonical"',
      `"rel":"canonical","x/~y":${'['.repeat(5000)}${']'.repeat(5000)}`,
    );
    assert.deepEqual(shapeOf(`[${message}]`), {
      ok: false,
      tooDeepAt: `/0/links/0/x~1~0y${'/0'.repeat(12)}`,
    });
  });

  it('stops counting at the first message above the limit, and at the first inner array too long', () => {
    assert.deepEqual(shapeOf(`[${'{},'.repeat(10_000)}{}]`), { ok: false, tooManyItems: true });
    assert.deepEqual(shapeOf(`[${'{},'.repeat(9_999)}{}]`), { ok: true });
    assert.deepEqual(shapeOf(`{"links":[${'{},'.repeat(1000)}{}]}`), { ok: false, tooLongAt: '/links' });
  });

  it('is not fooled by brackets, commas and escaped quotes inside strings', () => {
    assert.deepEqual(shapeOf(`["[[[,,,\\\"[[[", ${'"{{{{,",'.repeat(20_000)} 1]`), {
      ok: false,
      tooManyItems: true,
    });
    // Each item is the string `[[[…,\` (an escaped backslash, then the closing quote).
    const items = '"[[[[[[[[[[[[[[[[[[,\\\\",'.repeat(100);
    assert.equal(JSON.parse(`[${items} 1]`).length, 101);
    assert.deepEqual(shapeOf(`[${items} 1]`), { ok: true });
  });
});
