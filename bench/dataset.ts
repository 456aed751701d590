// A realistic, reproducible benchmark data set: N stations × 40 parameters reporting every 1, 5 or 10
// minutes (chosen per station by a seeded generator), as E-SOH's own write simulator models 5 000 stations.
import { seededRandom as random } from '../src/core/random.js';

/** The naming authority of every generated message, owned by the benchmark's provider organisation. */
export const BENCH_NAMING_AUTHORITY = 'org.obshub.bench';

export interface DatasetOptions {
  stations: number;
  hours: number;
  /** End of the data (epoch ms, a whole minute); the data covers [end − hours, end). */
  endMs: number;
  seed?: number;
  /** Force one cadence (minutes) for every station, e.g. 10 for "24 h of 10-minute data". */
  cadence?: number;
}

export interface Station {
  index: number;
  id: string;
  lat: number;
  lon: number;
  cadence: number;
}

export interface Parameter {
  standardName: string;
  unit: string;
  level: string;
  function: string;
  period: string;
  parameterName: string;
  base: number;
  spread: number;
}

const quantities: [string, string, string, number, number][] = [
  ['air_temperature', 'Cel', '2.0', 8, 10],
  ['dew_point_temperature', 'Cel', '2.0', 4, 8],
  ['relative_humidity', '%', '2.0', 75, 20],
  ['air_pressure_at_mean_sea_level', 'hPa', '2.0', 1013, 15],
  ['surface_air_pressure', 'hPa', '2.0', 990, 20],
  ['wind_speed', 'm/s', '10.0', 5, 4],
  ['wind_from_direction', 'deg', '10.0', 180, 170],
  ['wind_speed_of_gust', 'm/s', '10.0', 9, 6],
  ['precipitation_amount', 'kg/m2', '2.0', 0.2, 0.2],
  ['visibility_in_air', 'm', '2.0', 20000, 15000],
];
const aggregations: [string, string][] = [
  ['point', 'PT0S'],
  ['mean', 'PT10M'],
  ['minimum', 'PT10M'],
  ['maximum', 'PT10M'],
];

/** The 40 parameters: 10 quantities × 4 aggregations. */
export const PARAMETERS: Parameter[] = quantities.flatMap(([standardName, unit, level, base, spread]) =>
  aggregations.map(([fn, period]) => ({
    standardName,
    unit,
    level,
    function: fn,
    period,
    parameterName: `${standardName}:${level}:${fn}:${period}`,
    base,
    spread,
  })),
);

export function stations(options: DatasetOptions): Station[] {
  const rnd = random(options.seed ?? 5000);
  return Array.from({ length: options.stations }, (_, index) => ({
    index,
    id: `0-20000-0-B${String(index).padStart(5, '0')}`,
    lat: Math.round((36 + rnd() * 34) * 1e6) / 1e6,
    lon: Math.round((-10 + rnd() * 40) * 1e6) / 1e6,
    cadence: options.cadence ?? [1, 5, 10][Math.floor(rnd() * 3)]!,
  }));
}

/** Number of observations the data set holds. */
export function observationCount(options: DatasetOptions): number {
  const minutes = options.hours * 60;
  return stations(options).reduce((n, s) => n + Math.ceil(minutes / s.cadence) * PARAMETERS.length, 0);
}

export interface Row {
  station: Station;
  parameter: Parameter;
  timeMs: number;
  value: number;
}

/** Every observation, in time order (as a real-time feed delivers them). */
export function* rows(options: DatasetOptions): Generator<Row> {
  const all = stations(options);
  const start = options.endMs - options.hours * 3_600_000;
  for (let t = start; t < options.endMs; t += 60_000) {
    const minute = Math.round(t / 60_000);
    for (const station of all) {
      if (minute % station.cadence !== 0) continue;
      for (let p = 0; p < PARAMETERS.length; p++) {
        const parameter = PARAMETERS[p]!;
        const wave = Math.sin(minute / 240 + station.index * 0.7 + p);
        yield {
          station,
          parameter,
          timeMs: t,
          value: Math.round((parameter.base + parameter.spread * wave) * 10) / 10,
        };
      }
    }
  }
}

export function esohMessage(r: Row): object {
  return {
    type: 'Feature',
    version: '4.0',
    geometry: { type: 'Point', coordinates: { lat: r.station.lat, lon: r.station.lon } },
    links: [{ href: 'https://example.org/bench', rel: 'canonical' }],
    properties: {
      summary: 'obshub benchmark data',
      license: 'CC0-1.0',
      Conventions: 'CF-1.8',
      naming_authority: BENCH_NAMING_AUTHORITY,
      platform: r.station.id,
      platform_name: `BENCH ${r.station.index}`,
      level: r.parameter.level,
      function: r.parameter.function,
      period: r.parameter.period,
      datetime: new Date(r.timeMs).toISOString().replace('.000Z', 'Z'),
      content: {
        encoding: 'utf-8',
        standard_name: r.parameter.standardName,
        unit: r.parameter.unit,
        value: String(r.value),
      },
    },
  };
}

/** The data set as ingest request bodies of `size` messages each. */
export function* ingestBodies(
  options: DatasetOptions,
  size = 1000,
): Generator<{ body: string; count: number }> {
  let batch: object[] = [];
  for (const r of rows(options)) {
    batch.push(esohMessage(r));
    if (batch.length === size) {
      yield { body: JSON.stringify(batch), count: batch.length };
      batch = [];
    }
  }
  if (batch.length > 0) yield { body: JSON.stringify(batch), count: batch.length };
}
