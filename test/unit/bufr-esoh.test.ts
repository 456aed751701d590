// BUFR to E-SOH: the corpus files that ecCodes encoded from the KNMI day (packages/bufr/corpus) decode and
// map to E-SOH messages that pass ingest validation and, after E-SOH's unit conversions, carry the values of
// the KNMI messages they were made from, with the right station, time, level, period and cell method.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { decodeBufr } from '@obshub/bufr';
import { bufrFileToEsoh, bufrToEsoh, describeProblem } from '../../src/ingest/bufr/toEsoh.js';
import { normaliseBatch, type Window } from '../../src/ingest/normalise.js';
import type { Observation } from '../../src/core/observation.js';
import { defaultLimits } from '../support/messages.js';

const CORPUS = new URL('../../packages/bufr/corpus/', import.meta.url);
const KNMI = new URL('../../samples/esoh-knmi-20221231/', import.meta.url);
const options = {
  namingAuthority: 'nl.knmi',
  license: 'CC-BY-4.0',
  links: [{ href: 'https://www.knmi.nl', rel: 'canonical' }],
};
const window: Window = { fromMs: null, toMs: Date.now(), retention: 'unlimited', futureTolerance: 'PT10M' };
const files = readdirSync(CORPUS).filter((f) => /^(synop|surface|gts)-.*\.bufr$/.test(f));

function normalise(messages: unknown[]): Observation[] {
  const batch = normaliseBatch(messages, window, defaultLimits);
  assert.deepEqual(batch.problems, []);
  return batch.observations;
}

/** The KNMI series each mapped series was encoded from, and how close the values must be (BUFR's resolution). */
const sources: Record<string, { knmi: string; tolerance: number; factor?: number }> = {
  'air_temperature:point:0': { knmi: 'air_temperature:2.0:mean:PT1M', tolerance: 0.006 },
  'dew_point_temperature:point:0': { knmi: 'dew_point_temperature:1.5:mean:PT1M', tolerance: 0.006 },
  'relative_humidity:point:0': { knmi: 'relative_humidity:2.0:mean:PT1M', tolerance: 0.5 },
  'air_pressure_at_mean_sea_level:point:0': {
    knmi: 'air_pressure_at_mean_sea_level:1.0:mean:PT1M',
    tolerance: 0.05,
  },
  'visibility_in_air:point:0': { knmi: 'visibility_in_air:1.8:mean:PT10M', tolerance: 5 },
  // 307091 has the wind twice: as 10-minute means (3 02 071) and as instantaneous values (3 02 083).
  'wind_from_direction:point:0': { knmi: 'wind_from_direction:2.0:mean:PT10M', tolerance: 0.5 },
  'wind_speed:point:0': { knmi: 'wind_speed:10.0:mean:PT10M', tolerance: 0.05 },
  'wind_from_direction:mean:600': { knmi: 'wind_from_direction:2.0:mean:PT10M', tolerance: 0.5 },
  'wind_speed:mean:600': { knmi: 'wind_speed:10.0:mean:PT10M', tolerance: 0.05 },
  'wind_speed_of_gust:maximum:600': { knmi: 'wind_speed_of_gust:10.0:maximum:PT10M', tolerance: 0.05 },
  'air_temperature:maximum:43200': { knmi: 'air_temperature:2.0:maximum:PT12H', tolerance: 0.006 },
  'air_temperature:minimum:43200': { knmi: 'air_temperature:2.0:minimum:PT12H', tolerance: 0.006 },
  'precipitation_amount:sum:21600': { knmi: 'rainfall_amount:2.0:point:PT6H', tolerance: 0.05 },
  'precipitation_amount:sum:43200': { knmi: 'rainfall_amount:2.0:point:PT12H', tolerance: 0.05 },
  'precipitation_amount:sum:86400': { knmi: 'rainfall_amount:2.0:point:PT24H', tolerance: 0.05 },
  // 10-minute amounts were encoded from KNMI's rate (mm/h) over the 10 minutes.
  'precipitation_amount:sum:600': {
    knmi: 'lwe_precipitation_rate:1.8:mean:PT10M',
    tolerance: 0.05,
    factor: 1 / 6,
  },
  'cloud_area_fraction:point:0': { knmi: 'cloud_area_fraction:2.0:point:PT0S', tolerance: 0 },
  // Sunshine was encoded in whole minutes.
  'duration_of_sunshine:sum:3600': { knmi: 'duration_of_sunshine:2.0:point:PT0S', tolerance: 30 },
};

/** The KNMI values of a station (loaded once), keyed by `parameter name|epoch ms` after normalisation. */
const knmiStations = new Map<string, Map<string, number>>();
function knmiValue(platform: string, parameterName: string, timeMs: number): number | undefined {
  let values = knmiStations.get(platform);
  if (!values) {
    values = new Map();
    const body = gunzipSync(readFileSync(new URL(`${platform}.json.gz`, KNMI))).toString();
    for (const o of normalise(JSON.parse(body)))
      values.set(`${o.series.parameterName}|${o.obstimeMs}`, o.value!);
    knmiStations.set(platform, values);
  }
  return values.get(`${parameterName}|${timeMs}`);
}

describe('BUFR to E-SOH messages', () => {
  it('maps the corpus to valid messages carrying the KNMI values', () => {
    let compared = 0;
    for (const file of files) {
      const mapped = bufrFileToEsoh(readFileSync(new URL(file, CORPUS)), { ...options, file });
      assert.deepEqual(mapped.problems.map(describeProblem), [], file);
      assert.ok(mapped.messages.length > 0, file);
      for (const o of normalise(mapped.messages)) {
        const key = `${o.series.standardName}:${o.series.function}:${o.series.periodS}`;
        const source = sources[key];
        assert.ok(source, `${file}: unexpected series ${key}`);
        const expected = knmiValue(o.series.platform, source.knmi, o.obstimeMs);
        assert.notEqual(expected, undefined, `${file}: ${o.series.platform} ${key} has no KNMI value`);
        const want = expected! * (source.factor ?? 1);
        assert.ok(
          Math.abs(o.value! - want) <= source.tolerance + 1e-9,
          `${file} ${o.series.platform} ${key}: ${o.value} instead of ${want}`,
        );
        compared++;
      }
    }
    assert.ok(compared > 500, `only ${compared} values compared`);
  });

  it('gives station, time, position, level, period and cell method', () => {
    const mapped = bufrFileToEsoh(readFileSync(new URL('synop-307080-ed4-v24-06260.bufr', CORPUS)), options);
    const find = (name: string, fn: string) =>
      mapped.messages.find(
        (m) => m.properties.content.standard_name === name && m.properties.function === fn,
      )!.properties;
    const temperature = find('air_temperature', 'point');
    assert.deepEqual(
      {
        platform: temperature.platform,
        name: temperature.platform_name,
        datetime: temperature.datetime,
        level: temperature.level,
        period: temperature.period,
        content: temperature.content,
      },
      {
        platform: '0-20000-0-06260', // from block and station number: the message has no WIGOS id
        name: 'DE BILT AWS',
        datetime: '2022-12-31T12:00:00Z',
        level: '2.0',
        period: 'PT0S',
        content: { encoding: 'utf-8', standard_name: 'air_temperature', unit: 'K', value: '288.25' },
      },
    );
    const wind = find('wind_speed', 'mean');
    assert.deepEqual([wind.level, wind.period], ['10.0', 'PT10M']);
    const maximum = find('air_temperature', 'maximum');
    assert.deepEqual([maximum.level, maximum.period], ['2.0', 'PT12H']);
    assert.deepEqual(
      mapped.messages
        .filter((m) => m.properties.content.standard_name === 'precipitation_amount')
        .map((m) => m.properties.period),
      ['PT24H', 'PT6H', 'PT12H'], // 3 02 034, then 3 02 040 twice
    );
    assert.deepEqual(find('air_pressure_at_mean_sea_level', 'point').content.value, '100430.00');
  });

  it('names the file, message, subset and descriptor of what it cannot map', () => {
    const [message] = decodeBufr(readFileSync(new URL('synop-301150-307080-12-stations.bufr', CORPUS)));
    const identifiers = new Set(['001125', '001126', '001127', '001128', '001001', '001002']);
    message!.subsets[3] = message!.subsets[3]!.filter((v) => !identifiers.has(v.descriptor));
    message!.subsets[0]!.find((v) => v.descriptor === '013013')!.value = 0.05; // snow depth: no E-SOH mapping
    const mapped = bufrToEsoh([message!], { ...options, file: 'noon.bufr' });
    assert.deepEqual(mapped.problems.map(describeProblem), [
      'noon.bufr message 0 subset 3: no station identifier (0 01 125–0 01 128 or 0 01 001 and 0 01 002): ' +
        'its 17 values are left out',
    ]);
    assert.deepEqual(mapped.unmapped.map(describeProblem), [
      'noon.bufr message 0 subset 0 descriptor 013013: TOTAL SNOW DEPTH',
    ]);
  });

  it('reports a file that cannot be decoded with its byte offset', () => {
    const bytes = readFileSync(new URL('gts-bulletin-3-messages.bufr', CORPUS));
    const cut = bytes.subarray(0, bytes.length - 100);
    const mapped = bufrFileToEsoh(cut, { ...options, file: 'cut.bufr' });
    assert.equal(mapped.problems.length, 1);
    assert.match(
      describeProblem(mapped.problems[0]!),
      /^cut\.bufr message 2 byte \d+: message 2 .*input ends/,
    );
    assert.ok(mapped.messages.length > 0, 'the two whole messages are still mapped');
  });
});
