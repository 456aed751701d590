// Every ingest validation rule rejects with its exact JSON path; a valid batch normalises as E-SOH does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseBatch, type Window } from '../../src/ingest/normalise.js';
import { esohMessage } from '../support/messages.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0);
const window: Window = {
  fromMs: NOW - 86_400_000,
  toMs: NOW + 600_000,
  retention: 'PT24H',
  futureTolerance: 'PT10M',
};
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

function problemsOf(messages: unknown, w: Window = window) {
  return normaliseBatch(messages, w).problems.map((p) => `${p.path}: ${p.message}`);
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
    const [o] = normaliseBatch([m], window).observations;
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
    const result = normaliseBatch(batch, window);
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
    assert.equal(normaliseBatch(batch, window).duplicates, 0);
  });

  it('accepts any time when the window is unlimited', () => {
    const result = normaliseBatch([esohMessage({ datetime: '2022-12-31T00:00:00Z' })], {
      ...window,
      fromMs: null,
    });
    assert.equal(result.problems.length, 0);
  });
});
