// Repository of observations and their time series: bulk upserts with set-based statements (arrays
// through unnest / jsonb_to_recordset), one statement per table, rows in a fixed order to avoid deadlocks.
import { hash } from 'node:crypto';
import { seriesColumns, seriesMetadataColumns, type Observation, type Series } from '../core/observation.js';
import { seriesKey } from '../core/series.js';
import { findIngestActivity, type IngestBucket } from './activity.js';
import { stampDataVersion } from './dataVersion.js';
import type { Database, Sql } from './db.js';
import type { Partitions } from './partitions.js';

interface SeriesRow {
  key: string;
  first: number;
  last: number;
  lastPoint: string;
  series: Series;
}

export const pointKey = (lon: number, lat: number) => `${lon} ${lat}`;

/**
 * Ids of the batch's positions. Positions are never deleted, so their ids are cached for the life of the
 * process: in steady state a batch costs no query here. Unknown positions are inserted (and committed) in
 * their own small transaction first; an orphan position left by a batch that fails later is harmless.
 */
export async function resolvePoints(
  db: Database,
  observations: readonly Observation[],
  known: Map<string, number>,
): Promise<ReadonlyMap<string, number>> {
  const missing = new Map<string, [number, number]>();
  for (const o of observations) {
    const key = pointKey(o.lon, o.lat);
    if (!known.has(key)) missing.set(key, [o.lon, o.lat]);
  }
  if (missing.size === 0) return known;
  const sorted = [...missing.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lons = sorted.map((p) => p[0]);
  const lats = sorted.map((p) => p[1]);
  const rows = await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO geo_point (lon, lat, point)
       SELECT lon, lat, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography
       FROM unnest($1::float8[], $2::float8[]) AS u(lon, lat)
       WHERE NOT EXISTS (SELECT 1 FROM geo_point g WHERE g.lon = u.lon AND g.lat = u.lat)
       ON CONFLICT (lon, lat) DO NOTHING`,
      [lons, lats],
    );
    return tx.query<{ id: number; lon: number; lat: number }>(
      `SELECT g.id, g.lon, g.lat FROM geo_point g
       JOIN unnest($1::float8[], $2::float8[]) AS u(lon, lat) ON g.lon = u.lon AND g.lat = u.lat`,
      [lons, lats],
    );
  });
  for (const r of rows) known.set(pointKey(r.lon, r.lat), r.id);
  return known;
}

function summariseSeries(observations: readonly Observation[]): SeriesRow[] {
  const bySeries = new Map<string, SeriesRow>();
  for (const o of observations) {
    const key = o.series.key;
    const row = bySeries.get(key);
    if (!row) {
      bySeries.set(key, {
        key,
        first: o.obstimeMs,
        last: o.obstimeMs,
        lastPoint: pointKey(o.lon, o.lat),
        series: o.series,
      });
      continue;
    }
    row.series = o.series; // the last message's metadata wins, as in E-SOH
    if (o.obstimeMs < row.first) row.first = o.obstimeMs;
    if (o.obstimeMs >= row.last) {
      row.last = o.obstimeMs;
      row.lastPoint = pointKey(o.lon, o.lat);
    }
  }
  return [...bySeries.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The columns of a time_series row the ingest writes: the series' own (the one field table), its summary. */
const SERIES_COLUMNS: readonly { column: string; sqlType: string }[] = [
  ...seriesColumns,
  { column: 'geo_point_id', sqlType: 'integer' },
  { column: 'first_obstime', sqlType: 'timestamptz' },
  { column: 'last_obstime', sqlType: 'timestamptz' },
];
const SERIES_COLUMN_NAMES = SERIES_COLUMNS.map((c) => c.column).join(', ');

async function upsertSeries(
  tx: Sql,
  rows: readonly SeriesRow[],
  pointIds: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const records = rows.map(({ series: s, first, last, lastPoint }) => ({
    naming_authority: s.namingAuthority,
    platform: s.platform,
    standard_name: s.standardName,
    level: s.levelCm,
    function: s.function,
    period: s.periodS,
    instrument: s.instrument ?? '',
    parameter_name: s.parameterName,
    timeseries_id: s.timeseriesId,
    ...s.metadata,
    geo_point_id: pointIds.get(lastPoint),
    first_obstime: new Date(first).toISOString(),
    last_obstime: new Date(last).toISOString(),
  }));
  const result = await tx.query<{
    id: number;
    naming_authority: string;
    platform: string;
    standard_name: string;
    level: number;
    function: string;
    period: number;
    instrument: string;
  }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${SERIES_COLUMNS.map((c) => `${c.column} ${c.sqlType}`).join(', ')})
     )
     INSERT INTO time_series AS t (${SERIES_COLUMN_NAMES})
     SELECT ${SERIES_COLUMN_NAMES} FROM input
     ON CONFLICT ON CONSTRAINT time_series_identity DO UPDATE SET
       ${seriesMetadataColumns.map((c) => `${c.column} = EXCLUDED.${c.column}`).join(', ')},
       first_obstime = LEAST(t.first_obstime, EXCLUDED.first_obstime),
       last_obstime = GREATEST(t.last_obstime, EXCLUDED.last_obstime),
       geo_point_id = CASE WHEN t.last_obstime IS NULL OR EXCLUDED.last_obstime >= t.last_obstime
                           THEN EXCLUDED.geo_point_id ELSE t.geo_point_id END
     RETURNING t.id, t.naming_authority, t.platform, t.standard_name, t.level, t.function, t.period, t.instrument`,
    [JSON.stringify(records)],
  );
  return new Map(
    result.map((r) => [
      seriesKey({
        namingAuthority: r.naming_authority,
        platform: r.platform,
        standardName: r.standard_name,
        levelCm: r.level,
        function: r.function,
        periodS: r.period,
        instrument: r.instrument,
      }),
      r.id,
    ]),
  );
}

async function upsertObservations(
  tx: Sql,
  observations: readonly Observation[],
  seriesIds: ReadonlyMap<string, number>,
  pointIds: ReadonlyMap<string, number>,
  pubtimeMs: number,
  announce: boolean,
  traceparent: string | null,
): Promise<void> {
  const n = observations.length;
  const tsIds = new Array<number | undefined>(n);
  const times = new Array<number>(n);
  const points = new Array<number | undefined>(n);
  const values = new Array<number | null>(n);
  const texts = new Array<string | null>(n);
  const quality = new Array<number | null>(n);
  const camsl = new Array<number | null>(n);
  const history = new Array<string | null>(n);
  const processing = new Array<string | null>(n);
  observations.forEach((o, i) => {
    tsIds[i] = seriesIds.get(o.series.key);
    times[i] = o.obstimeMs / 1000;
    points[i] = pointIds.get(pointKey(o.lon, o.lat));
    values[i] = o.value;
    texts[i] = o.valueText;
    quality[i] = o.qualityCode;
    camsl[i] = o.camsl;
    history[i] = o.history;
    processing[i] = o.processingLevel;
  });
  // With `announce`, the same statement writes the batch's outbox row (after a data-modifying CTE): the
  // observations in the batch's order, and the newest time for retention.
  await tx.query(
    `${announce ? 'WITH written AS (' : ''}
     INSERT INTO observation AS o (ts_id, obstime, geo_point_id, value, value_text, pubtime, quality_code, camsl,
       history, processing_level)
     SELECT ts_id, to_timestamp(t), geo_point_id, value, value_text, to_timestamp($6), quality_code, camsl,
       history, processing_level
     FROM unnest($1::integer[], $2::float8[], $3::integer[], $4::float8[], $5::text[], $7::integer[],
       $8::integer[], $9::text[], $10::text[])
       AS u(ts_id, t, geo_point_id, value, value_text, quality_code, camsl, history, processing_level)
     ON CONFLICT (ts_id, obstime) DO UPDATE SET
       geo_point_id = EXCLUDED.geo_point_id, value = EXCLUDED.value, value_text = EXCLUDED.value_text,
       pubtime = EXCLUDED.pubtime, quality_code = EXCLUDED.quality_code, camsl = EXCLUDED.camsl,
       history = EXCLUDED.history, processing_level = EXCLUDED.processing_level
     ${
       announce
         ? `RETURNING 1)
     INSERT INTO outbox (ts_ids, obstimes, obstime, traceparent)
     SELECT $1::integer[], array_agg(to_timestamp(t) ORDER BY i), to_timestamp(max(t)), $11::text
     FROM unnest($2::float8[]) WITH ORDINALITY AS u(t, i)`
         : ''
     }`,
    [
      tsIds,
      times,
      points,
      values,
      texts,
      pubtimeMs / 1000,
      quality,
      camsl,
      history,
      processing,
      ...(announce ? [traceparent] : []),
    ],
  );
}

/**
 * Writes a batch in the caller's transaction: positions, series (with their summaries) and observations.
 * The batch must hold at most one observation per series and time (the ingest de-duplicates).
 */
/** What the process knows of a stored series: its id and a hash of the metadata last written for it. */
export interface KnownSeries {
  id: number;
  metadata: string;
}

/**
 * For series whose metadata is unchanged since this process last wrote them, only the summaries move:
 * a narrow UPDATE instead of the full upsert. Returns the ids of those that still exist (retention may
 * have deleted a series meanwhile; those must go through the full upsert again).
 */
async function touchSeries(
  tx: Sql,
  rows: readonly { id: number; row: SeriesRow }[],
  pointIds: ReadonlyMap<string, number>,
): Promise<Set<number>> {
  const ids = rows.map((r) => r.id);
  const moved = await tx.query<{ id: number }>(
    `UPDATE time_series t SET
       first_obstime = LEAST(t.first_obstime, to_timestamp(u.first)),
       last_obstime = GREATEST(t.last_obstime, to_timestamp(u.last)),
       geo_point_id = CASE WHEN to_timestamp(u.last) >= t.last_obstime THEN u.point ELSE t.geo_point_id END
     FROM unnest($1::integer[], $2::float8[], $3::float8[], $4::integer[]) AS u(id, first, last, point)
     WHERE t.id = u.id AND (to_timestamp(u.first) < t.first_obstime OR to_timestamp(u.last) > t.last_obstime
       OR (to_timestamp(u.last) = t.last_obstime AND u.point IS DISTINCT FROM t.geo_point_id))
     RETURNING t.id`,
    [
      ids,
      rows.map((r) => r.row.first / 1000),
      rows.map((r) => r.row.last / 1000),
      rows.map((r) => pointIds.get(r.row.lastPoint)),
    ],
  );
  const existing = new Set(moved.map((r) => r.id));
  // Series whose summary did not move (a re-sent or older time) may have been deleted meanwhile: look.
  // In steady state every series of a batch moves forward, and this costs nothing.
  const unmoved = ids.filter((id) => !existing.has(id));
  if (unmoved.length > 0) {
    const found = await tx.query<{ id: number }>('SELECT id FROM time_series WHERE id = ANY($1::integer[])', [
      unmoved,
    ]);
    for (const r of found) existing.add(r.id);
  }
  return existing;
}

/**
 * Writes a batch in the caller's transaction: series (with their summaries) and observations and, with
 * `announce`, the batch's outbox row. Positions must be resolved first (resolvePoints). `known` is the process's cache of written series; the caller
 * commits `learned` into it after the transaction commits.
 */
export async function writeObservations(
  tx: Sql,
  observations: readonly Observation[],
  pointIds: ReadonlyMap<string, number>,
  pubtimeMs: number,
  known: ReadonlyMap<string, KnownSeries>,
  announce: boolean,
  traceparent: string | null = null,
): Promise<Map<string, KnownSeries>> {
  const learned = new Map<string, KnownSeries>();
  if (observations.length === 0) return learned;
  const rows = summariseSeries(observations);
  // One-shot: no Hash object per series (createHash, update and digest took 4.5 % of the ingest's CPU).
  const metadata = new Map(
    rows.map((r) => [r.key, hash('sha1', JSON.stringify(r.series.metadata), 'base64')]),
  );
  const cached = rows.flatMap((row) => {
    const k = known.get(row.key);
    return k && k.metadata === metadata.get(row.key) ? [{ id: k.id, row }] : [];
  });
  const seriesIds = new Map(cached.map((c) => [c.row.key, c.id]));
  const upsert = rows.filter((r) => !seriesIds.has(r.key));
  if (upsert.length > 0) {
    for (const [key, id] of await upsertSeries(tx, upsert, pointIds)) {
      seriesIds.set(key, id);
      learned.set(key, { id, metadata: metadata.get(key) ?? '' });
    }
  }
  await upsertObservations(tx, observations, seriesIds, pointIds, pubtimeMs, announce, traceparent);
  // The summaries of known series move last: their row locks are then held only until the commit that
  // follows, not for the whole batch, so concurrent batches of the same series barely wait on each other
  // (measured: with the touch first, four batches in flight spent most of their time waiting on it).
  if (cached.length > 0) {
    const stillThere = await touchSeries(tx, cached, pointIds);
    const gone = cached.filter((c) => !stillThere.has(c.id)).map((c) => c.row.key);
    if (gone.length > 0) throw new ForgottenSeriesError(gone);
  }
  return learned;
}

/**
 * Series this process remembered were deleted meanwhile (retention, possibly in another process): the
 * batch is rolled back, and written again once the caller has forgotten them, so they are re-created.
 */
export class ForgottenSeriesError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`${keys.length} remembered series no longer exist`);
  }
}

export interface ObservationRepository {
  /**
   * Stores a validated, de-duplicated batch durably, in one transaction, with the batch's outbox row
   * when the hub announces observations.
   */
  write(
    observations: readonly Observation[],
    pubtimeMs: number,
    /** W3C trace context stored with the batch's outbox row: the relay continues the ingest's trace. */
    traceparent?: string | null,
  ): Promise<void>;
  /** Observations received since `sinceMs` per naming authority and bucket of `bucketSeconds`. */
  activity(sinceMs: number, bucketSeconds: number): Promise<IngestBucket[]>;
}

export class SqlObservationRepository implements ObservationRepository {
  /** Position → geo_point id; positions are never deleted, so the cache never goes stale. */
  private readonly knownPoints = new Map<string, number>();
  /** Series identity → id and last written metadata, so unchanged series skip the full upsert. */
  private readonly knownSeries = new Map<string, KnownSeries>();

  constructor(
    private readonly db: Database,
    private readonly partitions: Partitions,
    /** This process's row in data_version. */
    private readonly writer: string,
    /** Write outbox rows (something announces observations). */
    private readonly announce: boolean,
  ) {}

  async write(
    observations: readonly Observation[],
    pubtimeMs: number,
    traceparent: string | null = null,
  ): Promise<void> {
    try {
      await this.writeOnce(observations, pubtimeMs, traceparent);
    } catch (err) {
      if (!(err instanceof ForgottenSeriesError)) throw err;
      for (const key of err.keys) this.knownSeries.delete(key);
      await this.writeOnce(observations, pubtimeMs, traceparent);
    }
  }

  private async writeOnce(
    observations: readonly Observation[],
    pubtimeMs: number,
    traceparent: string | null,
  ): Promise<void> {
    await this.partitions.ensure(observations.map((o) => o.obstimeMs));
    const pointIds = await resolvePoints(this.db, observations, this.knownPoints);
    const announce = this.announce && observations.length > 0;
    const learned = await this.db.transaction(async (tx) => {
      const written = await writeObservations(
        tx,
        observations,
        pointIds,
        pubtimeMs,
        this.knownSeries,
        announce,
        traceparent,
      );
      await stampDataVersion(tx, this.writer, [
        ...new Set(observations.map((o) => o.series.namingAuthority)),
      ]);
      return written;
    });
    for (const [key, series] of learned) this.knownSeries.set(key, series);
  }

  /** Series were deleted (retention): the next writes upsert theirs in full. */
  forgetSeries(): void {
    this.knownSeries.clear();
  }

  activity(sinceMs: number, bucketSeconds: number): Promise<IngestBucket[]> {
    return findIngestActivity(this.db, sinceMs, bucketSeconds);
  }
}
