// Pure parsers of EDR query parameters (E-SOH's syntax and error texts), WKT, and the Python-compatible
// JSON serialiser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  durationToSeconds,
  parseAwareDatetime,
  parseBbox,
  parseDatetime,
  parseDurations,
  parseEsohBbox,
  parseLevels,
  pyFloat,
  pyListRepr,
  splitAndStrip,
} from '../../src/core/querySyntax.js';
import { ObshubError } from '../../src/core/errors.js';
import { parseWkt } from '../../src/core/wkt.js';
import { floatText, pyf, toJson } from '../../src/edr/json.js';
import { pyFloatRepr } from '../../src/core/pyfloat.js';
import { prefersHtml } from '../../src/edr/getLandingPage.js';
import { acceptable } from '../../src/edr/httpRules.js';
import { standardNameLabel } from '../../src/edr/parameters.js';

const detail = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ObshubError && err.code === 'QUERY_INVALID', String(err));
    return err.detail;
  }
  assert.fail('expected a QUERY_INVALID error');
};

describe('query syntax', () => {
  it('splits comma lists and trims items', () => {
    assert.deepEqual(splitAndStrip(' a , b,c  '), ['a', 'b', 'c']);
  });

  it('reads floats as Python does', () => {
    assert.equal(pyFloat(' 1.5 '), 1.5);
    assert.equal(pyFloat('1e2'), 100);
    assert.equal(pyFloat('-inf'), -Infinity);
    assert.ok(Number.isNaN(pyFloat('nan')));
    assert.throws(() => pyFloat('1.2.3'));
    assert.throws(() => pyFloat(''));
  });

  it('levels and durations beyond the 32-bit columns are syntax errors, not SQL errors (found by the HTTP fuzz)', () => {
    for (const text of ['5.963108621468148e+35', '21474836.48', '../1e12', 'R2/99999999999/1', '-1e300/0']) {
      assert.match(detail(() => parseLevels(text)) as string, /beyond|Invalid/, text);
    }
    assert.deepEqual(parseLevels('21474836.47'), [{ eq: 2147483647 }]);
    for (const text of ['PT2147483648S', 'P99999999999W', 'PT0S/P99999999999W']) {
      assert.match(detail(() => parseDurations(text)) as string, /beyond|Invalid/, text);
    }
  });

  it('levels: lists, ranges, open ranges, repeating intervals, in centimetres', () => {
    assert.deepEqual(parseLevels('1.0, 2.0'), [{ eq: 100 }, { eq: 200 }]);
    assert.deepEqual(parseLevels('1.0/10.0'), [{ min: 100, max: 1000 }]);
    assert.deepEqual(parseLevels('../10.0'), [{ min: null, max: 1000 }]);
    assert.deepEqual(parseLevels('0.1/..'), [{ min: 10, max: null }]);
    assert.deepEqual(
      parseLevels('R6/1.5/0.1'),
      [150, 160, 170, 180, 190, 200].map((eq) => ({ eq })),
    );
    assert.deepEqual(parseLevels('1.0, 1.5/1.8, R2/2.0/2.0'), [
      { eq: 100 },
      { min: 150, max: 180 },
      { eq: 200 },
      { eq: 400 },
    ]);
    assert.deepEqual(parseLevels('0.29'), [{ eq: 28 }], 'int(0.29 * 100) truncates as in Python');
    assert.equal(
      detail(() => parseLevels('high')),
      'Invalid levels value: high',
    );
    assert.equal(
      detail(() => parseLevels('1/x')),
      'Invalid levels value: 1/x',
    );
    assert.equal(
      detail(() => parseLevels('R5/a/1')),
      'Invalid levels repeating-interval: R5/a/1',
    );
    assert.equal(
      detail(() => parseLevels('1/2/3')),
      'Invalid levels repeating-interval: 1/2/3',
    );
    // Bounded in total, repeating intervals expanded (a list of them once exhausted PostgreSQL's memory).
    assert.equal(parseLevels('R1000/0/1').length, 1000);
    const tooMany = 'At most 1000 levels per parameter, repeating intervals counted in full';
    assert.equal(
      detail(() => parseLevels('R1001/0/1')),
      tooMany,
    );
    assert.equal(
      detail(() => parseLevels(Array(1000).fill('R10000/0/1').join(','))),
      tooMany,
    );
    assert.equal(
      detail(() => parseLevels(`R999/0/1,${Array(2).fill('2.0').join(',')}`)),
      tooMany,
    );
    assert.equal(
      detail(() => splitAndStrip(Array(1001).fill('x').join(','))),
      'At most 1000 comma-separated values per parameter',
    );
    assert.equal(splitAndStrip(Array(1000).fill('x').join(',')).length, 1000);
  });

  it('durations: lists, ranges and open ranges in seconds; E-SOH year and month lengths', () => {
    assert.equal(durationToSeconds('PT10M'), 600);
    assert.equal(durationToSeconds('pt1h'), 3600);
    assert.equal(durationToSeconds('P1Y'), 31556926);
    assert.equal(durationToSeconds('P1M'), 2629744);
    assert.equal(durationToSeconds('P1DT1S'), 86401);
    assert.deepEqual(parseDurations('PT0S, PT1M'), [{ eq: 0 }, { eq: 60 }]);
    assert.deepEqual(parseDurations('PT1M/PT10M'), [{ min: 60, max: 600 }]);
    assert.deepEqual(parseDurations('PT6H/..'), [{ min: 21600, max: null }]);
    assert.deepEqual(parseDurations('../PT1H'), [{ min: 0, max: 3600 }]);
    assert.equal(
      detail(() => parseDurations('PT7X')),
      'Invalid ISO 8601 duration: PT7X',
    );
    assert.equal(
      detail(() => parseDurations('PT1H/PT1M')),
      'Invalid ISO 8601 range: PT1H > PT1M',
    );
    assert.equal(
      detail(() => parseDurations('PT1H/')),
      'Invalid ISO 8601 period: PT1H / ',
    );
    assert.equal(
      detail(() => parseDurations('a/b/c')),
      'Invalid ISO 8601 range format: a/b/c',
    );
    assert.equal(
      detail(() => parseDurations('P')),
      'Invalid ISO 8601 duration: P',
    );
  });

  it('datetime: instants and intervals with a time zone, inclusive to the second', () => {
    const t = Date.UTC(2022, 11, 31, 12, 0, 0);
    assert.equal(parseAwareDatetime('2022-12-31T12:00:00Z'), t);
    assert.equal(parseAwareDatetime('2022-12-31T12:00Z'), t);
    assert.equal(parseAwareDatetime('2022-12-31T13:00:00+01:00'), t);
    assert.equal(parseAwareDatetime('2022-12-31 12:00:00.250Z'), t + 250);
    assert.equal(parseAwareDatetime('2022-12-31T12:00:00'), null, 'a time zone is required');
    assert.equal(parseAwareDatetime('2022-02-30T12:00:00Z'), null);
    assert.deepEqual(parseDatetime('2022-12-31T12:00:00Z'), { startMs: t, endMs: t + 999 });
    assert.deepEqual(parseDatetime('../2022-12-31T12:00:00Z'), { startMs: null, endMs: t + 999 });
    assert.deepEqual(parseDatetime('2022-12-31T12:00:00Z/..'), { startMs: t, endMs: null });
    assert.deepEqual(parseDatetime(' 2022-12-31T12:00:00Z / 2022-12-31T12:00:00Z '), {
      startMs: t,
      endMs: t + 999,
    });
    assert.deepEqual(
      detail(() => parseDatetime('2022-12-31')),
      { datetime: 'Invalid format: 2022-12-31' },
    );
    assert.deepEqual(
      detail(() => parseDatetime('2022-12-31T12:00:02Z/2022-12-31T12:00:00Z')),
      {
        datetime: 'Invalid range: 2022-12-31T12:00:02Z > 2022-12-31T12:00:00Z',
      },
    );
    // E-SOH adds its second before comparing, so one second of inversion is an empty interval, not an error.
    assert.deepEqual(parseDatetime('2022-12-31T12:00:01Z/2022-12-31T12:00:00Z'), {
      startMs: t + 1000,
      endMs: t + 999,
    });
  });

  it('bbox for /locations: E-SOH validation and messages', () => {
    assert.deepEqual(parseEsohBbox('5.0,52.0,6.0,52.1'), [5, 52, 6, 52.1]);
    assert.deepEqual(
      detail(() => parseEsohBbox('5,52,6')),
      { bbox: 'Invalid format: 5,52,6' },
    );
    assert.deepEqual(
      detail(() => parseEsohBbox('6,52,5,53')),
      { range: 'Invalid bbox range: 6,52,5,53' },
    );
    assert.deepEqual(
      detail(() => parseEsohBbox('-100,0,10,10')),
      {
        range: 'Maximum bbox range is 90 degrees: -100,0,10,10',
      },
    );
    assert.deepEqual(
      detail(() => parseEsohBbox('-190,0,-170,10')),
      {
        longitude: 'Invalid longitude: -190,0,-170,10',
      },
    );
    assert.deepEqual(
      detail(() => parseEsohBbox('0,-95,10,10')),
      {
        range: 'Maximum bbox range is 90 degrees: 0,-95,10,10',
        latitude: 'Invalid latitude: 0,-95,10,10',
      },
    );
  });

  it('bbox for cube and items: 4 or 6 numbers', () => {
    assert.deepEqual(parseBbox('1,2,3,4'), [1, 2, 3, 4]);
    assert.deepEqual(parseBbox('1,2,-5,3,4,100'), [1, 2, 3, 4]);
    assert.deepEqual(
      detail(() => parseBbox('1,2,3')),
      { bbox: 'Invalid format: 1,2,3' },
    );
    assert.deepEqual(
      detail(() => parseBbox('a,b,c,d')),
      { bbox: 'Invalid format: a,b,c,d' },
    );
  });

  it('Python list repr of names', () => {
    assert.equal(pyListRepr(['x']), "['x']");
    assert.equal(pyListRepr(['a', "it's"]), `['a', "it's"]`);
    assert.equal(pyListRepr(['a\\b', 'q\'"']), `['a\\\\b', 'q\\'"']`);
  });
});

describe('WKT', () => {
  it('reads points and polygons, with heights', () => {
    assert.deepEqual(parseWkt('POINT(5.179705 52.0988218)'), {
      type: 'Point',
      empty: false,
      coordinates: [5.179705, 52.0988218],
    });
    assert.deepEqual(parseWkt('point z (1 2 3)')?.coordinates, [1, 2, 3]);
    assert.deepEqual(parseWkt('POLYGON((5.0 52.0, 6.0 52.0,6.0 52.1,5.0 52.1, 5.0 52.0))')?.coordinates, [
      [
        [5, 52],
        [6, 52],
        [6, 52.1],
        [5, 52.1],
        [5, 52],
      ],
    ]);
    assert.equal(parseWkt('LINESTRING(1 2, 3 4)')?.type, 'LineString');
    assert.deepEqual(parseWkt('MULTIPOINT((1 2),(3 4))')?.coordinates, [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(parseWkt('MULTIPOINT(1 2, 3 4)')?.coordinates, [
      [1, 2],
      [3, 4],
    ]);
    assert.equal(parseWkt('POINT EMPTY')?.empty, true);
  });

  it('refuses what shapely cannot read', () => {
    for (const bad of [
      '',
      'POINT()',
      'POINT(1)',
      'POLYGON((0 0, 1 0, 1 1))',
      'POLYGON((0 0, 1 0, 1 1, 0 1))',
      'POINT(1 2) x',
      'CIRCLE(1 2)',
      'LINESTRINGZ()',
      'POINT Z(1 2)',
    ])
      assert.equal(parseWkt(bad), null, bad);
  });
});

describe('JSON as E-SOH writes it', () => {
  it('marks floats, keeps key order and compact separators', () => {
    assert.equal(
      toJson({
        level: pyf(1),
        x: pyf(5.1797058644882),
        n: 3,
        s: '°C',
        u: undefined,
        a: [pyf(0.1), pyf(NaN), null],
      }),
      '{"level":1.0,"x":5.1797058644882,"n":3,"s":"°C","a":[0.1,null,null]}',
    );
    assert.equal(toJson(pyf(1e16)), '1e+16');
    assert.equal(toJson(pyf(-0)), '-0.0');
  });

  it('prints floats exactly as Python repr, on its fast path too', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const xs = [0.0001, 0.00009999, 1e15, 1e15 - 1, 1e16, 123456789012345.6, -0, 0, 95, -3.5, 1002.31];
    for (let i = 0; i < 20000; i++) xs.push((random() - 0.5) * 10 ** Math.floor(random() * 40 - 20));
    for (const x of xs) assert.equal(floatText(x), pyFloatRepr(x), String(x));
    assert.equal(floatText(null), 'null');
    assert.equal(floatText(NaN), 'null');
  });

  it('labels standard names as Python str.capitalize does', () => {
    assert.equal(standardNameLabel('air_pressure_at_mean_sea_level'), 'Air pressure at mean sea level');
  });
});

describe('content negotiation', () => {
  it('sends browsers to the web app, API clients to JSON', () => {
    assert.equal(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), true);
    assert.equal(prefersHtml('application/json'), false);
    assert.equal(prefersHtml('*/*'), false);
    assert.equal(prefersHtml(undefined), false);
    assert.equal(prefersHtml('application/json, text/html;q=0.5'), false);
  });

  it('refuses an Accept header that rules out every format', () => {
    assert.equal(acceptable('application/xml'), false);
    assert.equal(acceptable('application/json;q=0'), false);
    assert.equal(acceptable('application/*'), true);
    assert.equal(acceptable('text/csv'), true);
    assert.equal(acceptable(undefined), true);
  });
});
