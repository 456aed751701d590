// The query service: turns parsed EDR queries into repository calls and yields coverage groups for the
// encoders. Series are grouped as E-SOH groups them (same position and identical time axis → one
// coverage), in E-SOH's order (latitude, longitude, time axis; parameters by name), fetched a few
// stations at a time so that memory stays bounded whatever the size of the answer.
import { ObshubError } from '../core/errors.js';
import type { Principal } from '../core/access.js';
import {
  parseBbox,
  parseDatetime,
  parseDurations,
  parseEsohBbox,
  parseLevels,
  pyListRepr,
  splitAndStrip,
} from '../core/querySyntax.js';
import type {
  LatestRow,
  LocationRow,
  ParameterRow,
  QueryLimits,
  SeriesData,
  SeriesFilter,
  SeriesReader,
  SeriesRecord,
  SeriesRow,
  SeriesRepository,
} from '../storage/index.js';
import { HeavyQueryGate, type QueryBudget } from './budget.js';
import { MAX_ITEMS_LIMIT, type ItemsQuery } from './schemas.js';

/** Offsets beyond any store's size just page past the end (the database takes them as bigint). */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

/** A bounding box [west, south, east, north] as the polygon E-SOH queries with. */
function boxPolygon([w, s, e, n]: readonly number[]): SeriesFilter['area'] {
  return {
    kind: 'polygon',
    ring: [
      [w!, s!],
      [e!, s!],
      [e!, n!],
      [w!, n!],
      [w!, s!],
    ],
  };
}

/** Query parameters shared by every data query and /locations (E-SOH's add_request_parameters). */
export interface CommonQuery {
  'parameter-name'?: string;
  datetime?: string;
  z?: string;
  standard_name?: string;
  level?: string;
  method?: string;
  duration?: string;
}

export interface CoverageSeries {
  row: SeriesRow;
  values: (number | null)[];
}

/** One coverage: a position, a time axis and the series that share them. */
export interface CoverageGroup {
  lon: number;
  lat: number;
  platform: string;
  times: number[];
  series: CoverageSeries[];
}

/** An async sequence whose first items can be looked at before it is consumed. */
export class Lookahead<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private done = false;
  constructor(private readonly source: AsyncIterator<T>) {}

  async peek(n: number): Promise<T[]> {
    while (!this.done && this.buffer.length < n) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffer.push(next.value);
    }
    return this.buffer.slice(0, n);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.buffer.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.done) return;
      const next = await this.source.next();
      if (next.done) return;
      yield next.value;
    }
  }
}

const SERIES_PER_CHUNK = 400;

function compareTimes(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export interface EdrServiceOptions {
  retentionSeconds: number | null;
  maxValues: number;
  budget: QueryBudget;
  /** Aborts when the hub stops (with the reason to answer). */
  shutdown: AbortSignal;
  /** The naming authorities whose series `principal` may not see (other organisations' `recommended` data). */
  hiddenFrom: (principal: Principal) => Promise<string[]>;
}

export class EdrService {
  /**
   * Parameter names found in the store, with the newest observation time of their series. A name stays
   * known while that time is inside the window: last_obstime never moves back, and series leave the store
   * only through retention, which takes exactly those that left the window. Most requests name a known
   * parameter, so this saves them a query; names not (yet) known are always looked up.
   */
  private readonly newestByParameterName = new Map<string, number>();
  private readonly heavy: HeavyQueryGate;

  constructor(
    private readonly series: SeriesRepository,
    private readonly options: EdrServiceOptions,
  ) {
    this.heavy = new HeavyQueryGate(options.budget.concurrency);
  }

  /**
   * The statement limits of a query of `principal`: its time limit, cancelled when `clientGone` aborts
   * or the hub stops.
   */
  limitsFor(principal: Principal, clientGone: AbortSignal): QueryLimits {
    const { timeoutSeconds, timeoutAnonymousSeconds } = this.options.budget;
    const seconds = principal.role === null ? timeoutAnonymousSeconds : timeoutSeconds;
    return {
      timeoutMs: seconds * 1000,
      timeoutHint:
        'narrow it with datetime, parameter-name or a smaller area (callers with credentials have a longer limit)',
      signal: AbortSignal.any([clientGone, this.options.shutdown]),
    };
  }

  /** Start of the retention window now, or null when unlimited. */
  sinceMs(): number | null {
    return this.options.retentionSeconds === null ? null : Date.now() - this.options.retentionSeconds * 1000;
  }

  /** What every query of `principal` starts from: the retention window and the series it may see. */
  async baseFilter(principal: Principal): Promise<SeriesFilter> {
    const hidden = await this.options.hiddenFrom(principal);
    return { sinceMs: this.sinceMs(), ...(hidden.length ? { hiddenAuthorities: hidden } : {}) };
  }

  /**
   * E-SOH's add_request_parameters, in its order: parameter-name (unknown names without `*` are a 400),
   * datetime, z, standard_name, level, method, duration.
   */
  async commonFilter(principal: Principal, q: CommonQuery): Promise<SeriesFilter> {
    const filter = await this.baseFilter(principal);
    if (q['parameter-name']) {
      const names = splitAndStrip(q['parameter-name']);
      const plain = names.filter((n) => !n.includes('*'));
      const known = await this.knownParameterNames(plain, filter.sinceMs);
      const unknown = plain.filter((n) => !known.has(n));
      if (unknown.length) throw ObshubError.queryInvalid(`Unknown parameter-name ${pyListRepr(unknown)}`);
      filter.parameterNames = names;
    }
    if (q.datetime) Object.assign(filter, parseDatetime(q.datetime));
    if (q.z) filter.camsl = parseLevels(q.z);
    if (q.standard_name) filter.standardNames = splitAndStrip(q.standard_name);
    if (q.level) filter.levels = parseLevels(q.level);
    if (q.method) filter.methods = splitAndStrip(q.method);
    if (q.duration) filter.periods = parseDurations(q.duration);
    return filter;
  }

  private async knownParameterNames(names: readonly string[], sinceMs: number | null): Promise<Set<string>> {
    const inWindow = (name: string) => {
      const newest = this.newestByParameterName.get(name);
      return newest !== undefined && (sinceMs === null || newest >= sinceMs);
    };
    const lookUp = names.filter((n) => !inWindow(n));
    if (lookUp.length > 0) {
      for (const [name, newest] of await this.series.knownParameterNames(lookUp, sinceMs))
        this.newestByParameterName.set(name, newest);
    }
    return new Set(names.filter(inWindow));
  }

  /**
   * The coverage groups of a data query, in E-SOH's order. Throws 404 when nothing matches and 413 when
   * the answer would hold more than the configured number of values. The first group is read before
   * this resolves, so errors come before any byte of the answer. Every statement runs under `limits`;
   * an answer larger than one chunk waits for its turn among the large queries and holds it until the
   * last group was read (or the reading stopped).
   */
  async coverages(filter: SeriesFilter, limits: QueryLimits): Promise<Lookahead<CoverageGroup>> {
    const reader = this.series.reader(limits);
    // An answer of one chunk is read whole with the series, before the first byte anyway: its size is
    // known from the data. A larger one is counted first (an index-only count on the primary key).
    const { series, data: first } = await reader.findSeries(filter, SERIES_PER_CHUNK);
    if (series.length === 0) throw new ObshubError('NO_DATA', 'Requested data not found.');
    let leave = () => {};
    if (first) {
      let count = 0;
      for (const d of first.values()) count += d.times.length;
      this.checkSize(count);
    } else {
      leave = await this.heavy.enter();
      try {
        this.checkSize(
          await reader.countObservations(
            series.map((s) => s.id),
            filter,
          ),
        );
      } catch (err) {
        leave();
        throw err;
      }
    }
    const groups = new Lookahead(this.groups(reader, series, filter, first, limits.signal, leave));
    if ((await groups.peek(1)).length === 0) throw new ObshubError('NO_DATA', 'Requested data not found.');
    return groups;
  }

  private checkSize(count: number): void {
    if (count > this.options.maxValues) {
      throw new ObshubError(
        'QUERY_TOO_LARGE',
        `The query selects ${count} values, more than the limit of ${this.options.maxValues}; narrow it with datetime, parameter-name or a smaller area.`,
      );
    }
  }

  private async *groups(
    reader: SeriesReader,
    series: SeriesRow[],
    filter: SeriesFilter,
    prefetched: Map<number, SeriesData> | undefined,
    signal: AbortSignal | undefined,
    leave: () => void,
  ): AsyncGenerator<CoverageGroup> {
    try {
      yield* this.chunks(reader, series, filter, prefetched, signal);
    } finally {
      leave();
    }
  }

  private async *chunks(
    reader: SeriesReader,
    series: SeriesRow[],
    filter: SeriesFilter,
    prefetched: Map<number, SeriesData> | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<CoverageGroup> {
    let i = 0;
    while (i < series.length && !signal?.aborted) {
      // A chunk ends at a change of position, so that one position's series are grouped together.
      let end = Math.min(i + SERIES_PER_CHUNK, series.length);
      while (end < series.length && samePlace(series[end - 1]!, series[end]!)) end++;
      const chunk = series.slice(i, end);
      i = end;
      const data =
        prefetched ??
        (await reader.seriesData(
          chunk.map((s) => s.id),
          filter,
        ));
      let start = 0;
      while (start < chunk.length) {
        let stop = start + 1;
        while (stop < chunk.length && samePlace(chunk[start]!, chunk[stop]!)) stop++;
        yield* groupPlace(chunk.slice(start, stop), data);
        start = stop;
      }
    }
  }

  /**
   * One page of /items: the series records matching E-SOH's /items parameters, ordered by timeseries_id
   * (`limit` and `offset` as applied; `more` when a next page exists).
   */
  async items(
    principal: Principal,
    q: ItemsQuery,
    limits: QueryLimits,
  ): Promise<{ page: SeriesRecord[]; more: boolean; limit: number; offset: number }> {
    if (!q.bbox && !q.platform)
      throw ObshubError.queryInvalid('Have to set at least one of bbox or platform.');
    const filter: SeriesFilter = await this.baseFilter(principal);
    if (q.bbox) filter.area = boxPolygon(parseBbox(q.bbox));
    if (q.datetime) Object.assign(filter, parseDatetime(q.datetime));
    const lists: [keyof SeriesFilter, string | undefined][] = [
      ['timeseriesIds', q.id],
      ['parameterNames', q['parameter-name']],
      ['namingAuthorities', q['naming-authority']],
      ['institutions', q.institution],
      ['platforms', q.platform],
      ['standardNames', q['standard-name']],
      ['units', q.unit],
      ['instruments', q.instrument],
      ['methods', q.method],
    ];
    for (const [key, value] of lists) if (value) Object.assign(filter, { [key]: splitAndStrip(value) });
    if (q.level) filter.levels = parseLevels(q.level);
    if (q.period) filter.periods = parseDurations(q.period);
    const limit =
      q.limit === undefined
        ? MAX_ITEMS_LIMIT
        : Math.min(MAX_ITEMS_LIMIT, Math.max(1, Number.parseInt(q.limit, 10) || 10));
    const offset =
      q.offset === undefined ? 0 : Math.min(MAX_OFFSET, Math.max(0, Number.parseInt(q.offset, 10) || 0));
    const rows = await this.series.reader(limits).findSeriesRecords(filter, { limit: limit + 1, offset });
    if (rows.length === 0) throw new ObshubError('NO_DATA', 'Query did not return any time series.');
    return { page: rows.slice(0, limit), more: rows.length > limit, limit, offset };
  }

  /** The series record of one timeseries_id, for /items/{id}. */
  async item(principal: Principal, timeseriesId: string, limits: QueryLimits): Promise<SeriesRecord> {
    const filter = {
      ...(await this.baseFilter(principal)),
      timeseriesIds: [timeseriesId.replaceAll('*', '')],
    };
    const [row] = await this.series.reader(limits).findSeriesRecords(filter, { limit: 1, offset: 0 });
    if (!row) throw new ObshubError('NO_DATA', 'Query did not return any time series.');
    return row;
  }

  /** The latest observation of each series of `filter` inside [`fromMs`, `atMs`] (clipped to the window). */
  latest(filter: SeriesFilter, fromMs: number, atMs: number, limits: QueryLimits): Promise<LatestRow[]> {
    return this.series.reader(limits).findLatest(filter, Math.max(fromMs, filter.sinceMs ?? -Infinity), atMs);
  }

  /** Stations for /locations (optionally inside E-SOH's `bbox`) with the parameters of their series. */
  async locations(
    principal: Principal,
    query: CommonQuery & { bbox?: string | undefined },
    limits: QueryLimits,
  ): Promise<{ locations: LocationRow[]; parameters: ParameterRow[] }> {
    const area = query.bbox ? boxPolygon(parseEsohBbox(query.bbox)) : undefined;
    const filter = { ...(await this.commonFilter(principal, query)), ...(area ? { area } : {}) };
    const locations = await this.series.reader(limits).findLocations(filter);
    if (locations.length === 0) throw new ObshubError('NO_DATA', 'Query did not return any locations.');
    return { locations, parameters: await this.series.parameters(filter.sinceMs) };
  }
}

const samePlace = (a: SeriesRow, b: SeriesRow) => a.lat === b.lat && a.lon === b.lon;

function groupPlace(rows: SeriesRow[], data: Map<number, { times: number[]; values: (number | null)[] }>) {
  const byAxis = new Map<string, CoverageGroup>();
  for (const row of rows) {
    const d = data.get(row.id);
    if (!d || d.times.length === 0) continue;
    const key = d.times.join(',');
    let group = byAxis.get(key);
    if (!group) {
      group = { lon: row.lon, lat: row.lat, platform: row.platform, times: d.times, series: [] };
      byAxis.set(key, group);
    }
    group.platform = row.platform; // E-SOH takes the wigosId of the group's last series
    group.series.push({ row, values: d.values });
  }
  return [...byAxis.values()].sort((a, b) => compareTimes(a.times, b.times));
}
