// Repository of time series for the query API: series selected by domain filters (identity fields with
// `*` wildcards, numeric matches, an area, a time window), their observations as arrays per series, the
// station list and the collection summaries. Everything reads the series summaries (first/last obstime,
// latest position) except the observation arrays themselves.
import { seriesColumns } from '../core/observation.js';
import type { NumberMatch } from '../core/querySyntax.js';
import { findDataVersion } from './dataVersion.js';
import type { Database, QueryLimits, Sql } from './db.js';
import { findExtent, type DataExtent } from './extent.js';

export type Area =
  | { kind: 'polygon'; ring: readonly (readonly number[])[] }
  | { kind: 'circle'; lon: number; lat: number; radiusM: number }
  | { kind: 'box'; west: number; south: number; east: number; north: number };

export interface SeriesFilter {
  /** Start of the retention window (epoch ms); null: unlimited. */
  sinceMs: number | null;
  platforms?: readonly string[];
  parameterNames?: readonly string[];
  standardNames?: readonly string[];
  methods?: readonly string[];
  timeseriesIds?: readonly string[];
  namingAuthorities?: readonly string[];
  institutions?: readonly string[];
  units?: readonly string[];
  instruments?: readonly string[];
  /** Levels in centimetres. */
  levels?: readonly NumberMatch[];
  /** Periods in seconds. */
  periods?: readonly NumberMatch[];
  /** Height above mean sea level of the observations, in centimetres (E-SOH's camsl). */
  camsl?: readonly NumberMatch[];
  area?: Area;
  /** Naming authorities whose series the caller may not see (`recommended` data of other organisations). */
  hiddenAuthorities?: readonly string[];
  /** Inclusive time window (epoch ms). */
  startMs?: number | null;
  endMs?: number | null;
}

export interface SeriesRow {
  id: number;
  platform: string;
  platformName: string | null;
  parameterName: string;
  standardName: string;
  levelCm: number;
  function: string;
  periodS: number;
  unit: string;
  lon: number;
  lat: number;
}

/** All stored metadata of a series, for /items. */
export interface SeriesRecord extends SeriesRow {
  timeseriesId: string;
  namingAuthority: string;
  instrument: string;
  metadata: Record<string, string | null>;
  firstMs: number;
  lastMs: number;
}

export interface SeriesData {
  times: number[];
  values: (number | null)[];
}

export interface LocationRow {
  platform: string;
  platformName: string | null;
  lon: number;
  lat: number;
  parameterNames: string[];
}

export interface ParameterRow {
  parameterName: string;
  standardName: string;
  levelCm: number;
  function: string;
  periodS: number;
  unit: string;
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** Builds the WHERE clause of a filter over `time_series t JOIN geo_point g`. */
class Where {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  strings(column: string, values: readonly string[] | undefined): void {
    if (!values) return;
    const exact = values.filter((v) => !v.includes('*'));
    const patterns = values
      .filter((v) => v.includes('*'))
      .map((v) => v.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll('*', '%'));
    const ors: string[] = [];
    if (exact.length) ors.push(`${column} = ANY(${this.param(exact)}::text[])`);
    if (patterns.length) ors.push(`${column} LIKE ANY(${this.param(patterns)}::text[])`);
    this.parts.push(ors.length ? `(${ors.join(' OR ')})` : 'false');
  }

  numbers(column: string, matches: readonly NumberMatch[] | undefined): void {
    if (!matches) return;
    this.parts.push(this.numberClause(column, matches));
  }

  numberClause(column: string, matches: readonly NumberMatch[]): string {
    const eqs = matches.flatMap((m) => ('eq' in m ? [m.eq] : []));
    const ors: string[] = [];
    if (eqs.length) ors.push(`${column} = ANY(${this.param(eqs)}::bigint[])`);
    for (const m of matches) {
      if ('eq' in m) continue;
      const c: string[] = [];
      if (m.min !== null) c.push(`${column} >= ${this.param(m.min)}::float8`);
      if (m.max !== null) c.push(`${column} <= ${this.param(m.max)}::float8`);
      ors.push(c.length ? `(${c.join(' AND ')})` : `${column} IS NOT NULL`);
    }
    return ors.length ? `(${ors.join(' OR ')})` : 'false';
  }
}

function seriesWhere(f: SeriesFilter): Where {
  const w = new Where();
  w.strings('t.platform', f.platforms);
  w.strings('t.parameter_name', f.parameterNames);
  w.strings('t.standard_name', f.standardNames);
  w.strings('t.function', f.methods);
  w.strings('t.timeseries_id', f.timeseriesIds);
  w.strings('t.naming_authority', f.namingAuthorities);
  if (f.hiddenAuthorities?.length) {
    w.parts.push(`t.naming_authority <> ALL(${w.param(f.hiddenAuthorities)}::text[])`);
  }
  w.strings('t.institution', f.institutions);
  w.strings('t.unit', f.units);
  w.strings('t.instrument', f.instruments);
  w.numbers('t.level', f.levels);
  w.numbers('t.period', f.periods);
  const since = f.sinceMs ?? null;
  const start =
    f.startMs === undefined || f.startMs === null ? since : Math.max(f.startMs, since ?? -Infinity);
  if (start !== null) w.parts.push(`t.last_obstime >= ${w.param(iso(start))}::timestamptz`);
  if (f.endMs !== undefined && f.endMs !== null)
    w.parts.push(`t.first_obstime <= ${w.param(iso(f.endMs))}::timestamptz`);
  const a = f.area;
  if (a?.kind === 'polygon') {
    const wkt = `POLYGON((${a.ring.map((p) => `${p[0]} ${p[1]}`).join(',')}))`;
    w.parts.push(`ST_Intersects(g.point, ST_GeogFromText(${w.param(`SRID=4326;${wkt}`)}))`);
  } else if (a?.kind === 'circle') {
    w.parts.push(
      `ST_DWithin(g.point, ST_SetSRID(ST_MakePoint(${w.param(a.lon)}::float8, ${w.param(a.lat)}::float8), 4326)::geography, ${w.param(a.radiusM)}::float8)`,
    );
  } else if (a?.kind === 'box') {
    w.parts.push(
      `g.lon BETWEEN ${w.param(a.west)}::float8 AND ${w.param(a.east)}::float8 AND g.lat BETWEEN ${w.param(a.south)}::float8 AND ${w.param(a.north)}::float8`,
    );
  }
  if (f.camsl) {
    const time = observationTime(w, f);
    w.parts.push(
      `EXISTS (SELECT 1 FROM observation o WHERE o.ts_id = t.id${time} AND ${w.numberClause('o.camsl', f.camsl)})`,
    );
  }
  return w;
}

/** The filter's time window (epoch ms; null: open), clipped to the retention window. */
function timeWindow(f: SeriesFilter): { start: number | null; end: number | null } {
  const since = f.sinceMs ?? null;
  const start =
    f.startMs === undefined || f.startMs === null ? since : Math.max(f.startMs, since ?? -Infinity);
  return { start, end: f.endMs ?? null };
}

function observationTime(w: Where, f: SeriesFilter): string {
  const { start, end } = timeWindow(f);
  let out = '';
  if (start !== null) out += ` AND o.obstime >= ${w.param(iso(start))}::timestamptz`;
  if (end !== null) out += ` AND o.obstime <= ${w.param(iso(end))}::timestamptz`;
  return out;
}

const where = (w: Where) => (w.parts.length ? `WHERE ${w.parts.join(' AND ')}` : '');

const ROW_COLUMNS = `t.id, t.platform, t.platform_name AS "platformName", t.parameter_name AS "parameterName",
  t.standard_name AS "standardName", t.level AS "levelCm", t.function, t.period AS "periodS", t.unit, g.lon, g.lat`;

export interface FoundSeries {
  /** Ordered by position (lat, lon) and parameter name. */
  series: SeriesRow[];
  /** Their observations inside the window, when there are at most `dataUpTo` series; else undefined. */
  data: Map<number, SeriesData> | undefined;
}

const SERIES_DATA_COLUMNS = `array_agg((extract(epoch FROM o.obstime) * 1000)::float8 ORDER BY o.obstime) AS times,
  array_agg(o.value ORDER BY o.obstime) AS vals`;

/**
 * Series matching the filter and, when there are at most `dataUpTo` of them, their observations inside the
 * filter's time window too: one round trip instead of two for the common small query (one station, a few
 * stations), whose cost is dominated by round trips rather than by the rows.
 */
export async function findSeries(sql: Sql, f: SeriesFilter, dataUpTo: number): Promise<FoundSeries> {
  const w = seriesWhere(f);
  const limit = w.param(dataUpTo);
  let data: string;
  if (f.camsl) {
    data = `SELECT ${SERIES_DATA_COLUMNS} FROM observation o
      WHERE small.small AND o.ts_id = s.id${observationTime(w, f)} AND ${w.numberClause('o.camsl', f.camsl)}`;
  } else {
    const { start, end } = timeWindow(f);
    data = `SELECT times, vals FROM observation_arrays(s.id, ${w.param(iso(start))}::timestamptz,
      ${w.param(iso(end))}::timestamptz) WHERE small.small`;
  }
  const rows = await sql.query<
    SeriesRow & { times: number[] | null; vals: (number | null)[] | null; small: boolean }
  >(
    `WITH s AS MATERIALIZED (
       SELECT ${ROW_COLUMNS} FROM time_series t JOIN geo_point g ON g.id = t.geo_point_id ${where(w)}
     ), small AS (SELECT count(*) <= ${limit}::int AS small FROM s)
     SELECT s.*, small.small, d.times, d.vals
     FROM s CROSS JOIN small LEFT JOIN LATERAL (${data}) d ON true
     ORDER BY s.lat, s.lon, s."parameterName", s.id`,
    w.params,
  );
  const small = rows[0]?.small ?? true;
  const found = new Map<number, SeriesData>();
  const series = rows.map(({ times, vals, small: _, ...row }) => {
    if (times && vals) found.set(row.id, { times: times.map(Number), values: vals });
    return row;
  });
  return { series, data: small ? found : undefined };
}

/** The columns /items returns as a record's metadata: every text column of the series (identity included). */
const METADATA_COLUMNS = seriesColumns.filter((c) => c.sqlType === 'text').map((c) => c.column);

/** Full series records ordered by timeseries_id, for /items; `limit` + `offset` page through them. */
export async function findSeriesRecords(
  sql: Sql,
  f: SeriesFilter,
  page: { limit: number; offset: number },
): Promise<SeriesRecord[]> {
  const w = seriesWhere(f);
  const rows = await sql.query<SeriesRow & Record<string, unknown>>(
    `SELECT ${ROW_COLUMNS}, t.timeseries_id AS "timeseriesId", t.naming_authority AS "namingAuthority",
            t.instrument, ${METADATA_COLUMNS.map((c) => `t.${c} AS "m_${c}"`).join(', ')},
            t.first_obstime AS "first", t.last_obstime AS "last"
     FROM time_series t JOIN geo_point g ON g.id = t.geo_point_id ${where(w)}
     ORDER BY t.timeseries_id, t.id LIMIT ${w.param(page.limit)}::int OFFSET ${w.param(page.offset)}::bigint`,
    w.params,
  );
  return rows.map((r) => {
    const metadata: Record<string, string | null> = {};
    for (const c of METADATA_COLUMNS) metadata[c] = (r[`m_${c}`] as string | null) ?? null;
    return {
      id: r.id,
      platform: r.platform,
      platformName: r.platformName,
      parameterName: r.parameterName,
      standardName: r.standardName,
      levelCm: r.levelCm,
      function: r.function,
      periodS: r.periodS,
      unit: r.unit,
      lon: r.lon,
      lat: r.lat,
      timeseriesId: r.timeseriesId as string,
      namingAuthority: r.namingAuthority as string,
      instrument: r.instrument as string,
      metadata,
      firstMs: (r.first as Date).getTime(),
      lastMs: (r.last as Date).getTime(),
    };
  });
}

/** Observation count of the given series inside the filter's time window (for the size limit). */
export async function countObservations(sql: Sql, ids: readonly number[], f: SeriesFilter): Promise<number> {
  const w = new Where();
  const time = observationTime(w, f);
  const camsl = f.camsl ? ` AND ${w.numberClause('o.camsl', f.camsl)}` : '';
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::float8 AS n FROM observation o WHERE o.ts_id = ANY(${w.param(ids)}::int[])${time}${camsl}`,
    w.params,
  );
  return row?.n ?? 0;
}

/** Observations of the given series inside the filter's time window, oldest first, as arrays. */
export async function findSeriesData(
  sql: Sql,
  ids: readonly number[],
  f: SeriesFilter,
): Promise<Map<number, SeriesData>> {
  const w = new Where();
  const time = observationTime(w, f);
  const camsl = f.camsl ? ` AND ${w.numberClause('o.camsl', f.camsl)}` : '';
  const rows = await sql.query<{ ts_id: number; times: number[]; vals: (number | null)[] }>(
    `SELECT o.ts_id, ${SERIES_DATA_COLUMNS}
     FROM observation o WHERE o.ts_id = ANY(${w.param(ids)}::int[])${time}${camsl}
     GROUP BY o.ts_id`,
    w.params,
  );
  return new Map(rows.map((r) => [r.ts_id, { times: r.times.map(Number), values: r.vals }]));
}

/** Stations with their parameter names (sorted), at the latest position of their newest series. */
export function findLocations(sql: Sql, f: SeriesFilter): Promise<LocationRow[]> {
  const w = seriesWhere(f);
  return sql.query<LocationRow>(
    `SELECT t.platform,
            (array_agg(t.platform_name ORDER BY t.last_obstime DESC, t.id DESC))[1] AS "platformName",
            (array_agg(g.lon ORDER BY t.last_obstime DESC, t.id DESC))[1] AS lon,
            (array_agg(g.lat ORDER BY t.last_obstime DESC, t.id DESC))[1] AS lat,
            array_agg(DISTINCT t.parameter_name ORDER BY t.parameter_name) AS "parameterNames"
     FROM time_series t JOIN geo_point g ON g.id = t.geo_point_id ${where(w)}
     GROUP BY t.platform ORDER BY t.platform`,
    w.params,
  );
}

/**
 * One definition per parameter name inside the window (the most recently observed wins), leaving out
 * the series of `hiddenAuthorities`.
 */
function findParameters(
  sql: Sql,
  sinceMs: number | null,
  hiddenAuthorities: readonly string[] = [],
): Promise<ParameterRow[]> {
  return sql.query<ParameterRow>(
    `SELECT DISTINCT ON (t.parameter_name) t.parameter_name AS "parameterName", t.standard_name AS "standardName",
            t.level AS "levelCm", t.function, t.period AS "periodS", t.unit
     FROM time_series t
     WHERE ($1::timestamptz IS NULL OR t.last_obstime >= $1) AND t.naming_authority <> ALL($2::text[])
     ORDER BY t.parameter_name, t.last_obstime DESC, t.id DESC`,
    [iso(sinceMs), hiddenAuthorities],
  );
}

/**
 * Which of `names` are parameter names of series inside the window, each with the newest observation
 * time (epoch ms) of its series.
 */
async function findKnownParameterNames(
  sql: Sql,
  names: readonly string[],
  sinceMs: number | null,
): Promise<Map<string, number>> {
  const rows = await sql.query<{ p: string; last: Date }>(
    `SELECT parameter_name AS p, max(last_obstime) AS last FROM time_series
     WHERE parameter_name = ANY($1::text[]) AND ($2::timestamptz IS NULL OR last_obstime >= $2)
     GROUP BY parameter_name`,
    [names, iso(sinceMs)],
  );
  return new Map(rows.map((r) => [r.p, r.last.getTime()]));
}

/** The reads of the query API over one Sql (a caller's limited statements: Database.limited). */
export class SeriesReader {
  constructor(private readonly sql: Sql) {}

  /**
   * Series matching a query filter, ordered by position and parameter name, with their observations when
   * there are at most `dataUpTo` series.
   */
  findSeries(filter: SeriesFilter, dataUpTo: number): Promise<FoundSeries> {
    return findSeries(this.sql, filter, dataUpTo);
  }

  /** How many observations `seriesData` would return. */
  countObservations(ids: readonly number[], filter: SeriesFilter): Promise<number> {
    return countObservations(this.sql, ids, filter);
  }

  /** Observations of the series `ids` inside the filter's time window, as arrays per series. */
  seriesData(ids: readonly number[], filter: SeriesFilter): Promise<Map<number, SeriesData>> {
    return findSeriesData(this.sql, ids, filter);
  }

  /** Stations matching a filter, with their parameter names, sorted by platform. */
  findLocations(filter: SeriesFilter): Promise<LocationRow[]> {
    return findLocations(this.sql, filter);
  }

  /** Full series records ordered by timeseries_id, one page. */
  findSeriesRecords(filter: SeriesFilter, page: { limit: number; offset: number }): Promise<SeriesRecord[]> {
    return findSeriesRecords(this.sql, filter, page);
  }

  /** The latest observation of each series matching `filter` inside [`fromMs`, `atMs`]. */
  findLatest(filter: SeriesFilter, fromMs: number, atMs: number): Promise<LatestRow[]> {
    return findLatest(this.sql, filter, fromMs, atMs);
  }
}

/** The latest observation of a series at or before a time (for maps and station summaries). */
export interface LatestRow {
  platform: string;
  platformName: string | null;
  parameterName: string;
  namingAuthority: string;
  institution: string | null;
  license: string | null;
  unit: string;
  lon: number;
  lat: number;
  obstime: Date;
  value: number | null;
  valueText: string | null;
  /** Height above mean sea level in centimetres (E-SOH's camsl), when reported. */
  camsl: number | null;
}

/**
 * The latest observation of every series matching `f`, inside [`fromMs`, `atMs`]: one primary-key probe
 * per series (the observation's key is `(ts_id, obstime)`), never a scan of the window.
 */
export function findLatest(sql: Sql, f: SeriesFilter, fromMs: number, atMs: number): Promise<LatestRow[]> {
  const w = seriesWhere({ ...f, startMs: fromMs, endMs: atMs });
  const from = w.param(iso(fromMs));
  const at = w.param(iso(atMs));
  return sql.query<LatestRow>(
    `SELECT t.platform, t.platform_name AS "platformName", t.parameter_name AS "parameterName",
            t.naming_authority AS "namingAuthority", t.institution, t.license, t.unit,
            p.lon, p.lat, o.obstime, o.value, o.value_text AS "valueText", o.camsl
     FROM time_series t JOIN geo_point g ON g.id = t.geo_point_id
     CROSS JOIN LATERAL (
       SELECT o.obstime, o.value, o.value_text, o.camsl, o.geo_point_id FROM observation o
       WHERE o.ts_id = t.id AND o.obstime >= ${from}::timestamptz AND o.obstime <= ${at}::timestamptz
       ORDER BY o.obstime DESC LIMIT 1) o
     JOIN geo_point p ON p.id = o.geo_point_id
     ${where(w)}
     ORDER BY t.platform, t.parameter_name`,
    w.params,
  );
}

/** The series as the query API and the discovery metadata read them. */
export interface SeriesRepository {
  /**
   * The query API's reads of series and observations, each statement under `limits`: cancelled when it
   * runs too long or when the caller went away.
   */
  reader(limits: QueryLimits): SeriesReader;
  /** One definition per parameter name inside the window starting at `sinceMs`. */
  parameters(sinceMs: number | null, hiddenAuthorities?: readonly string[]): Promise<ParameterRow[]>;
  /** The subset of `names` that are stored parameter names inside the window, with their newest time. */
  knownParameterNames(names: readonly string[], sinceMs: number | null): Promise<Map<string, number>>;
  /**
   * Spatial and temporal extent of the data inside the window starting at `sinceMs` (null: all), without
   * the series of `hiddenAuthorities`.
   */
  extent(sinceMs?: number | null, hiddenAuthorities?: readonly string[]): Promise<DataExtent>;
  /**
   * When the stored data a caller may see last changed (an ingest of the authorities it sees, or a
   * retention run): the version behind ETags.
   */
  dataVersion(hiddenAuthorities?: readonly string[]): Promise<{ updatedMs: number | null }>;
}

export class SqlSeriesRepository implements SeriesRepository {
  constructor(
    /** The primary: data versions always come from it (a client that just wrote never gets a stale 304). */
    private readonly db: Database,
    /** Where the query API's reads go: a read replica in turn (DATABASE_READ_URL), or the primary. */
    private readonly readDb: () => Database = () => db,
  ) {}

  reader(limits: QueryLimits): SeriesReader {
    return new SeriesReader(this.readDb().limited(limits));
  }

  parameters(sinceMs: number | null, hiddenAuthorities: readonly string[] = []): Promise<ParameterRow[]> {
    return findParameters(this.readDb(), sinceMs, hiddenAuthorities);
  }

  knownParameterNames(names: readonly string[], sinceMs: number | null): Promise<Map<string, number>> {
    return findKnownParameterNames(this.readDb(), names, sinceMs);
  }

  extent(sinceMs: number | null = null, hiddenAuthorities: readonly string[] = []): Promise<DataExtent> {
    return findExtent(this.readDb(), sinceMs, hiddenAuthorities);
  }

  dataVersion(hiddenAuthorities: readonly string[] = []): Promise<{ updatedMs: number | null }> {
    return findDataVersion(this.db, hiddenAuthorities);
  }
}
