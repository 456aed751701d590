// Repository of the transactional outbox (migrations/020_outbox.sql, 052_outbox_messages.sql). The ingest
// writes rows in its own transaction (`addToOutbox`), the records service whole messages
// (`queueMessageOnce`); relays claim batches with a lease, publish, then delete what was delivered.
import { seriesTextFields, type Link } from '../core/observation.js';
import type { Database, Sql } from './db.js';

/** The series' text metadata keyed as E-SOH's messages name it (e.g. `Conventions`). */
const MESSAGE_METADATA = seriesTextFields.map((f) => `'${f.key}', t.${f.column}`).join(', ');

const CLAIM_LOCK_KEY = 7_301_020; // serialises claims (not publishing) so per-series order holds
const MESSAGE_LOCK_KEY = 7_301_052; // serialises the decisions to queue a message once

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
  /** A row that is a whole message (discovery metadata): published as it is; null for observations. */
  message?: { topic: string; payload: string } | null;
  /** W3C trace context of the ingest that wrote the row (null or absent: not traced). */
  traceparent?: string | null;
}

interface Row {
  id: number;
  created_at: Date;
  obstime: Date | null;
  topic: string | null;
  payload: string | null;
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
 * stored observation. Claims are serialised by an advisory lock (so two relays never pick rows of one
 * series at once: the second sees the first's leases); publishing is not. Message rows (no series) count
 * as series 0 among themselves.
 */
async function claimOutbox(db: Database, limit: number, leaseSeconds: number): Promise<OutboxEntry[]> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
    return tx.query<Row>(
      `WITH busy AS (
         SELECT DISTINCT coalesce(ts_id, 0) AS series FROM outbox
         WHERE lease_until IS NOT NULL AND lease_until > now()
       ), picked AS (
         SELECT id FROM outbox
         WHERE (lease_until IS NULL OR lease_until <= now())
           AND coalesce(ts_id, 0) NOT IN (SELECT series FROM busy)
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE outbox o SET lease_until = now() + make_interval(secs => $2)
         FROM picked WHERE o.id = picked.id
         RETURNING o.id, o.ts_id, o.obstime, o.created_at, o.topic, o.payload, o.traceparent
       )
       SELECT c.id, c.created_at, c.obstime, c.topic, c.payload, c.traceparent, ob.ts_id IS NOT NULL AS found,
         ob.pubtime, g.lon, g.lat,
         ob.value, ob.value_text, ob.quality_code, ob.camsl, ob.history, ob.processing_level,
         t.naming_authority, t.platform, t.standard_name, t.level, t.function, t.period, t.instrument,
         t.parameter_name, t.timeseries_id, t.unit, t.links, t.version,
         CASE WHEN t.id IS NULL THEN NULL ELSE jsonb_build_object(${MESSAGE_METADATA}) END AS metadata
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
    found: (Boolean(r.found) && r.naming_authority !== null) || r.topic !== null,
    obstimeMs: r.obstime?.getTime() ?? r.created_at.getTime(),
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
    message: r.topic !== null && r.payload !== null ? { topic: r.topic, payload: r.payload } : null,
    traceparent: r.traceparent,
  }));
}

/**
 * Queues the message `build` returns, unless the setting `key` already holds `value`; then sets it. One
 * transaction, serialised across processes: however many processes start with a new record, one message
 * is queued. `build` gets the setting's previous value (undefined: never set) and may return undefined to
 * queue nothing (the setting is set all the same). True when a message was queued.
 */
async function queueMessageOnce(
  db: Database,
  key: string,
  value: string,
  build: (previous: string | undefined) => { topic: string; payload: string } | undefined,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MESSAGE_LOCK_KEY]);
    const [row] = await tx.query<{ value: string }>('SELECT value FROM storage_setting WHERE key = $1', [
      key,
    ]);
    if (row?.value === value) return false;
    const message = build(row?.value);
    if (message) {
      await tx.query('INSERT INTO outbox (topic, payload) VALUES ($1, $2)', [message.topic, message.payload]);
    }
    await tx.query(
      `INSERT INTO storage_setting (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
    return message !== undefined;
  });
}

/** Deletes delivered rows. */
async function deleteOutbox(sql: Sql, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
}

/** Gives claimed rows back (e.g. the broker went away) so they are retried, in order, at once. */
async function releaseOutbox(sql: Sql, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query('UPDATE outbox SET lease_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
}

export interface OutboxStats {
  /** Observations not yet announced. */
  depth: number;
  /** Creation time (epoch ms) of the oldest undelivered row; null when empty. */
  oldestMs: number | null;
}

async function outboxStats(sql: Sql): Promise<OutboxStats> {
  // Observations only: the discovery metadata notification (a message row) is one row at most.
  const [count] = await sql.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM outbox WHERE ts_id IS NOT NULL',
  );
  const [oldest] = await sql.query<{ created_at: Date }>(
    'SELECT created_at FROM outbox WHERE ts_id IS NOT NULL ORDER BY id LIMIT 1',
  );
  return { depth: count?.n ?? 0, oldestMs: oldest?.created_at.getTime() ?? null };
}

export interface OutboxRepository {
  /**
   * Claims up to `limit` undelivered rows for `leaseSeconds` (oldest first, never a series another relay
   * is publishing) with the observations they announce.
   */
  claim(limit: number, leaseSeconds: number): Promise<OutboxEntry[]>;
  /** Removes delivered rows. */
  delete(ids: readonly number[]): Promise<void>;
  /** Returns claimed rows to the queue (not delivered; retried in order). */
  release(ids: readonly number[]): Promise<void>;
  /**
   * Queues the message `build` returns unless the setting `key` already holds `value`, and sets it, in one
   * transaction serialised across processes (see queueMessageOnce). True when queued.
   */
  queueMessageOnce(
    key: string,
    value: string,
    build: (previous: string | undefined) => { topic: string; payload: string } | undefined,
  ): Promise<boolean>;
  /** Backlog depth and the age of its oldest observations. */
  stats(): Promise<OutboxStats>;
}

export class SqlOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Database) {}

  claim(limit: number, leaseSeconds: number): Promise<OutboxEntry[]> {
    return claimOutbox(this.db, limit, leaseSeconds);
  }

  delete(ids: readonly number[]): Promise<void> {
    return deleteOutbox(this.db, ids);
  }

  release(ids: readonly number[]): Promise<void> {
    return releaseOutbox(this.db, ids);
  }

  queueMessageOnce(
    key: string,
    value: string,
    build: (previous: string | undefined) => { topic: string; payload: string } | undefined,
  ): Promise<boolean> {
    return queueMessageOnce(this.db, key, value, build);
  }

  stats(): Promise<OutboxStats> {
    return outboxStats(this.db);
  }
}
