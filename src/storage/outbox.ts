// Repository of the transactional outbox (migrations/020_outbox.sql). The ingest writes rows in its own
// transaction (`addToOutbox`); relays claim batches with a lease, publish, then delete what was delivered.
import type { Link } from '../core/observation.js';
import type { Database, Sql } from './db.js';

const CLAIM_LOCK_KEY = 7_301_020; // serialises claims (not publishing) so per-series order holds

/** An observation to announce, with everything the messages need (null fields: not given). */
export interface OutboxEntry {
  id: number;
  createdMs: number;
  /** False when the observation is gone (retention dropped it before it could be announced). */
  found: boolean;
  obstimeMs: number;
  pubtimeMs: number;
  lon: number;
  lat: number;
  value: number | null;
  valueText: string | null;
  qualityCode: number | null;
  camsl: number | null;
  history: string | null;
  processingLevel: string | null;
  namingAuthority: string;
  platform: string;
  standardName: string;
  levelCm: number;
  function: string;
  periodS: number;
  instrument: string;
  parameterName: string;
  timeseriesId: string;
  unit: string;
  metadata: Record<string, string | null>;
  links: Link[] | null;
  version: string | null;
  /** W3C trace context of the ingest that wrote the row (null or absent: not traced). */
  traceparent?: string | null;
}

interface Row {
  id: number;
  created_at: Date;
  obstime: Date;
  found: boolean;
  pubtime: Date | null;
  lon: number | null;
  lat: number | null;
  value: number | null;
  value_text: string | null;
  quality_code: number | null;
  camsl: number | null;
  history: string | null;
  processing_level: string | null;
  naming_authority: string | null;
  platform: string | null;
  standard_name: string | null;
  level: number | null;
  function: string | null;
  period: number | null;
  instrument: string | null;
  parameter_name: string | null;
  timeseries_id: string | null;
  unit: string | null;
  links: Link[] | null;
  version: string | null;
  metadata: Record<string, string | null> | null;
  traceparent: string | null;
}

/**
 * Claims up to `limit` rows for `leaseSeconds`, oldest first, skipping series that have rows leased by
 * another relay (so a series is announced in order even with several relays), and returns them with the
 * stored observation. Claims are serialised by an advisory lock; publishing is not.
 */
export async function claimOutbox(db: Database, limit: number, leaseSeconds: number): Promise<OutboxEntry[]> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
    return tx.query<Row>(
      `WITH busy AS (
         SELECT DISTINCT ts_id FROM outbox WHERE lease_until IS NOT NULL AND lease_until > now()
       ), picked AS (
         SELECT id FROM outbox
         WHERE (lease_until IS NULL OR lease_until <= now()) AND ts_id NOT IN (SELECT ts_id FROM busy)
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE outbox o SET lease_until = now() + make_interval(secs => $2)
         FROM picked WHERE o.id = picked.id
         RETURNING o.id, o.ts_id, o.obstime, o.created_at, o.traceparent
       )
       SELECT c.id, c.created_at, c.obstime, c.traceparent, ob.ts_id IS NOT NULL AS found, ob.pubtime, g.lon, g.lat,
         ob.value, ob.value_text, ob.quality_code, ob.camsl, ob.history, ob.processing_level,
         t.naming_authority, t.platform, t.standard_name, t.level, t.function, t.period, t.instrument,
         t.parameter_name, t.timeseries_id, t.unit, t.links, t.version,
         CASE WHEN t.id IS NULL THEN NULL ELSE jsonb_build_object(
           'title', t.title, 'summary', t.summary, 'keywords', t.keywords,
           'keywords_vocabulary', t.keywords_vocabulary, 'license', t.license, 'Conventions', t.conventions,
           'creator_type', t.creator_type, 'creator_name', t.creator_name, 'creator_email', t.creator_email,
           'creator_url', t.creator_url, 'institution', t.institution, 'project', t.project,
           'source', t.source, 'platform_name', t.platform_name, 'platform_vocabulary', t.platform_vocabulary,
           'instrument_vocabulary', t.instrument_vocabulary,
           'quality_code_vocabulary', t.quality_code_vocabulary) END AS metadata
       FROM claimed c
       LEFT JOIN observation ob ON ob.ts_id = c.ts_id AND ob.obstime = c.obstime
       LEFT JOIN time_series t ON t.id = c.ts_id
       LEFT JOIN geo_point g ON g.id = ob.geo_point_id
       ORDER BY c.id`,
      [limit, leaseSeconds],
    );
  });
  return rows.map((r) => ({
    id: Number(r.id),
    createdMs: r.created_at.getTime(),
    found: Boolean(r.found) && r.naming_authority !== null,
    obstimeMs: r.obstime.getTime(),
    pubtimeMs: r.pubtime?.getTime() ?? r.created_at.getTime(),
    lon: r.lon ?? 0,
    lat: r.lat ?? 0,
    value: r.value,
    valueText: r.value_text,
    qualityCode: r.quality_code,
    camsl: r.camsl,
    history: r.history,
    processingLevel: r.processing_level,
    namingAuthority: r.naming_authority ?? '',
    platform: r.platform ?? '',
    standardName: r.standard_name ?? '',
    levelCm: r.level ?? 0,
    function: r.function ?? '',
    periodS: r.period ?? 0,
    instrument: r.instrument ?? '',
    parameterName: r.parameter_name ?? '',
    timeseriesId: r.timeseries_id ?? '',
    unit: r.unit ?? '',
    metadata: r.metadata ?? {},
    links: r.links,
    version: r.version,
    traceparent: r.traceparent,
  }));
}

/** Deletes delivered rows. */
export async function deleteOutbox(sql: Sql, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
}

/** Gives claimed rows back (e.g. the broker went away) so they are retried, in order, at once. */
export async function releaseOutbox(sql: Sql, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query('UPDATE outbox SET lease_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
}

export interface OutboxStats {
  /** Rows not yet delivered. */
  depth: number;
  /** Creation time (epoch ms) of the oldest undelivered row; null when empty. */
  oldestMs: number | null;
}

export async function outboxStats(sql: Sql): Promise<OutboxStats> {
  const [count] = await sql.query<{ n: number }>('SELECT count(*)::integer AS n FROM outbox');
  const [oldest] = await sql.query<{ created_at: Date }>('SELECT created_at FROM outbox ORDER BY id LIMIT 1');
  return { depth: count?.n ?? 0, oldestMs: oldest?.created_at.getTime() ?? null };
}
