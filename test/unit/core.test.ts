import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalStandardName, cfCanonicalUnit } from '../../src/core/cf.js';
import { formatUtc, parseUtcInstant } from '../../src/core/datetime.js';
import { formatDurationSeconds, parseDurationSeconds } from '../../src/core/duration.js';
import { pyFloatRepr, pyFormatFixed } from '../../src/core/pyfloat.js';
import { formatLevel, levelToCm, parameterName, timeseriesId } from '../../src/core/series.js';
import { normaliseUnit, storedUnit } from '../../src/core/units.js';
import { namingAuthorityProblem } from '../../src/core/namingAuthority.js';
import { STORABLE_TEXT_PATTERN, storableJson, storableText, textProblem } from '../../src/core/text.js';
import { wigosIdProblem } from '../../src/core/wigos.js';

describe('ISO 8601 durations', () => {
  it('parses to seconds', () => {
    assert.deepEqual(parseDurationSeconds('PT10M'), { ok: true, seconds: 600 });
    assert.deepEqual(parseDurationSeconds('pt1h30m'), { ok: true, seconds: 5400 });
    assert.deepEqual(parseDurationSeconds('P1D'), { ok: true, seconds: 86400 });
    assert.deepEqual(parseDurationSeconds('P1W'), { ok: true, seconds: 604800 });
    assert.deepEqual(parseDurationSeconds('PT0S'), { ok: true, seconds: 0 });
  });
  it('rejects calendar parts, bad forms, negative and fractional seconds', () => {
    assert.match((parseDurationSeconds('P1Y') as { reason: string }).reason, /year or month part/);
    assert.match((parseDurationSeconds('P1M') as { reason: string }).reason, /year or month part/);
    for (const bad of ['10M', 'P', 'PT', 'P1H', 'PT1X', '']) {
      assert.equal(parseDurationSeconds(bad).ok, false, bad);
    }
    assert.match((parseDurationSeconds('-PT10M') as { reason: string }).reason, /negative/);
    assert.match((parseDurationSeconds('PT0.5S') as { reason: string }).reason, /whole number/);
  });
  it('formats like E-SOH (isodate with PT24H and PT0S)', () => {
    const cases: [number, string][] = [
      [0, 'PT0S'],
      [60, 'PT1M'],
      [600, 'PT10M'],
      [21600, 'PT6H'],
      [43200, 'PT12H'],
      [50400, 'PT14H'],
      [86400, 'PT24H'],
      [90, 'PT1M30S'],
      [90000, 'P1DT1H'],
      [172800, 'P2D'],
    ];
    for (const [s, text] of cases) assert.equal(formatDurationSeconds(s), text);
  });
});

describe('Python float formatting', () => {
  it('repr keeps a decimal point and uses Python exponents', () => {
    assert.equal(pyFloatRepr(2), '2.0');
    assert.equal(pyFloatRepr(1.5), '1.5');
    assert.equal(pyFloatRepr(0.1), '0.1');
    assert.equal(pyFloatRepr(-0.28), '-0.28');
    assert.equal(pyFloatRepr(1e16), '1e+16');
    assert.equal(pyFloatRepr(1e-5), '1e-05');
    assert.equal(pyFloatRepr(0.0001), '0.0001');
    assert.equal(pyFloatRepr(123456789012345.6), '123456789012345.6');
  });
  it('fixed formatting rounds exact ties to even, like Python', () => {
    assert.equal(pyFormatFixed(0.125, 2), '0.12');
    assert.equal(pyFormatFixed(0.375, 2), '0.38');
    assert.equal(pyFormatFixed(2.5, 0), '2');
    assert.equal(pyFormatFixed(3.5, 0), '4');
    assert.equal(pyFormatFixed(-2.5, 0), '-2');
    assert.equal(pyFormatFixed(1.005, 2), '1.00'); // 1.005 is below the tie in binary
    assert.equal(pyFormatFixed(12.345 - 273.15, 3), '-260.805');
  });
});

describe('series identity', () => {
  it('computes E-SOH timeseries_id (md5 without separators)', () => {
    const id = timeseriesId({
      namingAuthority: 'nl.knmi',
      platform: '0-20000-0-06275',
      standardName: 'air_temperature',
      levelCm: 200,
      function: 'minimum',
      periodS: 43200,
      instrument: null,
    });
    assert.equal(id, '20bf5cc13b08b4c1d737966b64d0aea5');
  });
  it('computes parameter_name with metres as Python prints them', () => {
    const base = { standardName: 'air_pressure_at_mean_sea_level', function: 'mean', periodS: 60 };
    assert.equal(parameterName({ ...base, levelCm: 100 }), 'air_pressure_at_mean_sea_level:1.0:mean:PT1M');
    assert.equal(
      parameterName({ ...base, levelCm: 150, periodS: 600 }),
      'air_pressure_at_mean_sea_level:1.5:mean:PT10M',
    );
    assert.equal(
      parameterName({ ...base, levelCm: 0, periodS: 86400 }),
      'air_pressure_at_mean_sea_level:0.0:mean:PT24H',
    );
  });
  it('truncates levels to centimetres like int(float(level) * 100)', () => {
    assert.equal(levelToCm(1.8), 180);
    assert.equal(levelToCm(0.29), 28); // 0.29 * 100 = 28.999999999999996 in binary
    assert.equal(levelToCm(-0.1), -10);
    assert.equal(formatLevel(10), '0.1');
    assert.equal(formatLevel(1000), '10.0');
  });
});

describe('WIGOS ids', () => {
  it('accepts valid ids', () => {
    for (const id of ['0-20000-0-06260', '0-578-2024-ABCDEFGHIJKLMNOP', '1-65534-0-x'])
      assert.equal(wigosIdProblem(id), undefined);
  });
  it('rejects bad ids with the reason', () => {
    assert.match(wigosIdProblem('06260') ?? '', /4 blocks/);
    assert.match(wigosIdProblem('0-65535-0-1') ?? '', /"65535" must be an integer from 0 to 65534/);
    assert.match(wigosIdProblem('0-a-0-1') ?? '', /"a" must be an integer/);
    assert.match(wigosIdProblem('0-1-0-') ?? '', /1 to 16 characters/);
    assert.match(wigosIdProblem('0-1-0-ABCDEFGHIJKLMNOPQ') ?? '', /1 to 16 characters/);
  });
  it('counts the local identifier in characters, as E-SOH (Python) does', () => {
    assert.equal(wigosIdProblem(`0-1-0-${'\u{1D11E}'.repeat(16)}`), undefined);
  });
  it('refuses what cannot be one MQTT topic level', () => {
    assert.match(wigosIdProblem('0-20000-0-8889#') ?? '', /wildcard/);
    assert.match(wigosIdProblem('0-20000-0-a+b') ?? '', /wildcard/);
    assert.match(wigosIdProblem('0-20000-0-a/b') ?? '', /contains '\/'/);
    assert.match(wigosIdProblem('0-20000-0-a\u0000') ?? '', /NUL/);
    assert.match(wigosIdProblem('0-20000-0-a b') ?? '', /space or control character/);
  });
});

describe('naming authorities', () => {
  it('accepts reverse-DNS names, refuses what cannot be one MQTT topic level', () => {
    for (const name of ['nl.knmi', 'no.met', 'org.obshub.demo', 'eu.eumetnet_e-soh']) {
      assert.equal(namingAuthorityProblem(name), undefined);
    }
    assert.match(namingAuthorityProblem('https://knmi.nl') ?? '', /contains '\/'/);
    assert.match(namingAuthorityProblem('nl.#') ?? '', /wildcard/);
    assert.match(namingAuthorityProblem('') ?? '', /is empty/);
    assert.match(namingAuthorityProblem('nl knmi') ?? '', /printable ASCII without spaces/);
    assert.match(namingAuthorityProblem('nl.knmï') ?? '', /printable ASCII without spaces/);
  });
});

describe('storable text', () => {
  it('names a NUL character or an unpaired surrogate; a surrogate pair is fine', () => {
    assert.equal(textProblem('De Bilt \u{1D11E} é'), undefined);
    assert.match(textProblem('a\u0000') ?? '', /NUL character \(U\+0000\)/);
    assert.match(textProblem('\ud800x') ?? '', /unpaired surrogate \(\\ud800\)/);
    assert.match(textProblem('x\udc00') ?? '', /unpaired surrogate \(\\udc00\)/);
    assert.match(textProblem('\udc00\ud800') ?? '', /unpaired surrogate/);
  });
  it('makes text storable without losing what it was: NUL written out, lone surrogates replaced', () => {
    assert.equal(storableText('org.other\u0000'), 'org.other\\u0000');
    assert.equal(storableText('a\ud800b\u{1D11E}'), 'a\ufffdb\u{1D11E}');
    assert.deepEqual(storableJson({ 'k\u0000': ['\udfff', 1, null, { x: '\u0000' }] }), {
      'k\\u0000': ['\ufffd', 1, null, { x: '\\u0000' }],
    });
  });
  it('is the rule of the message schema pattern (a regular expression with the u flag)', () => {
    const pattern = new RegExp(STORABLE_TEXT_PATTERN, 'u');
    for (const text of ['', 'abc', '\u{1D11E}', 'a\u0000', '\ud800', 'x\udc00', '\udc00\ud800']) {
      assert.equal(pattern.test(text), textProblem(text) === undefined, JSON.stringify(text));
    }
  });
});

describe('UTC date-times', () => {
  it('accepts Z and +00:00', () => {
    assert.deepEqual(parseUtcInstant('2022-12-31T00:10:00Z'), {
      ok: true,
      epochMs: Date.UTC(2022, 11, 31, 0, 10),
    });
    assert.deepEqual(parseUtcInstant('2022-12-31T00:10:00+00:00'), {
      ok: true,
      epochMs: Date.UTC(2022, 11, 31, 0, 10),
    });
    assert.deepEqual(parseUtcInstant('2022-12-31T00:10:00.250Z'), {
      ok: true,
      epochMs: Date.UTC(2022, 11, 31, 0, 10, 0, 250),
    });
  });
  it('rejects local times, other zones and impossible dates', () => {
    assert.match((parseUtcInstant('2022-12-31T00:10:00') as { reason: string }).reason, /no time zone/);
    assert.match((parseUtcInstant('2022-12-31T00:10:00+01:00') as { reason: string }).reason, /not in UTC/);
    assert.match(
      (parseUtcInstant('2022-02-30T00:00:00Z') as { reason: string }).reason,
      /not a valid date-time/,
    );
    assert.match((parseUtcInstant('yesterday') as { reason: string }).reason, /not an ISO 8601 date-time/);
  });
  it('formats RFC 3339 UTC', () => {
    assert.equal(formatUtc(Date.UTC(2022, 11, 31, 0, 10)), '2022-12-31T00:10:00Z');
    assert.equal(formatUtc(Date.UTC(2024, 1, 29, 23, 59, 59, 7)), '2024-02-29T23:59:59.007Z');
  });
  it('formats exactly as Date#toISOString does, without its .000 milliseconds', () => {
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const edges = [0, 951_782_400_000, 4_107_542_400_000, 253_402_300_799_999, 253_402_300_800_000, -1, 1.5];
    for (const ms of edges) assert.equal(formatUtc(ms), iso(ms), String(ms));
    // Every day of four centuries, at a time of day that moves with the day.
    for (let day = 0; day < 146_097; day++) {
      const ms = day * 86_400_000 + ((day * 7_919_993) % 86_400_000);
      if (formatUtc(ms) !== iso(ms)) assert.equal(formatUtc(ms), iso(ms), String(ms));
    }
  });
});

describe('CF standard names and units', () => {
  it('knows canonical names and maps aliases', () => {
    assert.equal(canonicalStandardName('air_temperature'), 'air_temperature');
    assert.equal(canonicalStandardName('mole_fraction_of_o3_in_air'), 'mole_fraction_of_ozone_in_air');
    assert.equal(canonicalStandardName('air_temprature'), undefined);
    assert.equal(canonicalStandardName('toString'), undefined);
    assert.equal(cfCanonicalUnit('air_temperature'), 'K');
  });
  it('normalises units as E-SOH does', () => {
    assert.deepEqual(normaliseUnit('air_temperature', 'Cel', '4.5'), { ok: true, unit: 'Cel', value: '4.5' });
    assert.deepEqual(normaliseUnit('air_temperature', 'degC', '4.5'), {
      ok: true,
      unit: 'Cel',
      value: '4.5',
    });
    assert.deepEqual(normaliseUnit('air_temperature', 'K', '277.65'), {
      ok: true,
      unit: 'Cel',
      value: '4.50',
    });
    assert.deepEqual(normaliseUnit('air_pressure', 'Pa', '101325'), { ok: true, unit: 'hPa', value: '1013' });
    assert.deepEqual(normaliseUnit('air_pressure', 'Pa', '101325.0'), {
      ok: true,
      unit: 'hPa',
      value: '1013.2',
    });
    assert.deepEqual(normaliseUnit('relative_humidity', '1', '0.91'), {
      ok: true,
      unit: '%',
      value: '91.00',
    });
    assert.deepEqual(normaliseUnit('duration_of_sunshine', 'minutes', '2'), {
      ok: true,
      unit: 's',
      value: '120',
    });
    assert.deepEqual(normaliseUnit('cloud_area_fraction', 'octas', '7'), {
      ok: true,
      unit: 'okta',
      value: '7',
    });
  });
  it('accepts the CF canonical unit for names outside E-SOH table', () => {
    assert.equal(storedUnit('sea_ice_thickness'), 'm');
    assert.deepEqual(normaliseUnit('sea_ice_thickness', 'm', '0.4'), { ok: true, unit: 'm', value: '0.4' });
  });
  it('rejects unknown units naming the allowed ones, and conversions of non-numbers', () => {
    const r = normaliseUnit('air_temperature', 'F', '40');
    assert.equal(r.ok, false);
    assert.match(
      (r as { reason: string }).reason,
      /unit "F" is not known for air_temperature; use one of "Cel", "degC", "K"/,
    );
    assert.match(
      (normaliseUnit('air_temperature', 'K', 'warm') as { reason: string }).reason,
      /must be a number/,
    );
  });
});
