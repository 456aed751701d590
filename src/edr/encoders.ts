// Output formats of data queries: a registry of encoders, each { name, mediaType, encode() }. Routes,
// the collection's output_formats and OpenAPI read the registry; adding a format is adding an entry.
// Encoders write text chunks as they go (one coverage at a time), so answers of any size stream.
import { formatUtc } from '../core/datetime.js';
import { floatText, toJson } from './json.js';
import { coverageParameter } from './parameters.js';
import type { CoverageGroup, Lookahead } from './service.js';

export interface Encoder {
  /** The `f` value that selects it. */
  readonly name: string;
  readonly mediaType: string;
  readonly description: string;
  encode(groups: Lookahead<CoverageGroup>): AsyncIterable<string>;
}

const referencing = toJson([
  {
    coordinates: ['x', 'y'],
    system: { type: 'GeographicCRS', id: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' },
  },
  { coordinates: ['t'], system: { type: 'TemporalRS', calendar: 'Gregorian' } },
]);

/** One CoverageJSON Coverage, exactly as E-SOH writes it; parameters are collected into `parameters`. */
function coverageText(g: CoverageGroup, parameters: Map<string, string>): string {
  const series = [...g.series]
    .filter((s) => s.values.some((v) => v !== null && Number.isFinite(v))) // E-SOH drops all-NaN ranges
    .sort((a, b) => (a.row.parameterName < b.row.parameterName ? -1 : 1));
  const params: string[] = [];
  const ranges: string[] = [];
  for (const s of series) {
    const key = JSON.stringify(s.row.parameterName);
    const p = toJson(coverageParameter(s.row));
    parameters.set(s.row.parameterName, p);
    params.push(`${key}:${p}`);
    ranges.push(
      `${key}:{"type":"NdArray","dataType":"float","axisNames":["t","x","y"],"shape":[${s.values.length},1,1],"values":[${s.values.map(floatText).join(',')}]}`,
    );
  }
  return (
    `{"type":"Coverage","domain":{"type":"Domain","domainType":"PointSeries","axes":{` +
    `"x":{"values":[${floatText(g.lon)}]},"y":{"values":[${floatText(g.lat)}]},` +
    `"t":{"values":[${g.times.map((t) => JSON.stringify(formatUtc(t))).join(',')}]}},` +
    `"referencing":${referencing}},"parameters":{${params.join(',')}},"ranges":{${ranges.join(',')}},` +
    `"metocean:wigosId":${JSON.stringify(g.platform)}}`
  );
}

export const coverageJson: Encoder = {
  name: 'CoverageJSON',
  mediaType: 'application/prs.coverage+json',
  description: 'OGC CoverageJSON: a PointSeries Coverage, or a CoverageCollection for several (E-SOH)',
  async *encode(groups) {
    const parameters = new Map<string, string>();
    const head = await groups.peek(2);
    if (head.length === 1) {
      yield coverageText(head[0]!, parameters);
      return;
    }
    yield '{"type":"CoverageCollection","coverages":[';
    let first = true;
    for await (const g of groups) {
      yield (first ? '' : ',') + coverageText(g, parameters);
      first = false;
    }
    const sorted = [...parameters.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    yield `],"parameters":{${sorted.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}}`;
  },
};

export const geoJson: Encoder = {
  name: 'GeoJSON',
  mediaType: 'application/geo+json',
  description:
    'GeoJSON FeatureCollection: one Point feature per station and time, one property per parameter',
  async *encode(groups) {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const g of groups) {
      const geometry = `{"type":"Point","coordinates":[${floatText(g.lon)},${floatText(g.lat)}]}`;
      for (let i = 0; i < g.times.length; i++) {
        const props = g.series
          .map((s) => `${JSON.stringify(s.row.parameterName)}:${floatText(s.values[i] ?? null)}`)
          .join(',');
        yield `${first ? '' : ','}{"type":"Feature","geometry":${geometry},"properties":{"wigos_id":${JSON.stringify(g.platform)},"datetime":${JSON.stringify(formatUtc(g.times[i]!))},${props}}}`;
        first = false;
      }
    }
    yield ']}';
  },
};

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export const csv: Encoder = {
  name: 'CSV',
  mediaType: 'text/csv',
  description:
    'CSV, one row per observation: wigos_id, longitude, latitude, parameter_name, datetime, value, unit',
  async *encode(groups) {
    yield 'wigos_id,longitude,latitude,parameter_name,datetime,value,unit\r\n';
    for await (const g of groups) {
      const lines: string[] = [];
      for (const s of g.series) {
        const prefix = `${csvField(g.platform)},${floatText(g.lon)},${floatText(g.lat)},${csvField(s.row.parameterName)},`;
        const unit = csvField(s.row.unit);
        for (let i = 0; i < g.times.length; i++) {
          const v = s.values[i] ?? null;
          lines.push(`${prefix}${formatUtc(g.times[i]!)},${v === null ? '' : floatText(v)},${unit}\r\n`);
        }
      }
      yield lines.join('');
    }
  },
};

/** Every output format of data queries, the default first. */
export const encoders: readonly Encoder[] = [coverageJson, geoJson, csv];

export function findEncoder(f: string | undefined): Encoder | undefined {
  if (f === undefined || f === '') return encoders[0];
  return encoders.find((e) => e.name.toLowerCase() === f.toLowerCase() || e.mediaType === f);
}
