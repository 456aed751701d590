// Repository of the transactional outbox (migrations/020_outbox.sql, 052_outbox_messages.sql,
// 054_outbox_batches.sql). The ingest writes one row per committed batch in its own transaction
// (storage/observations.ts), the records service whole messages (`queueMessageOnce`); relays claim rows
// with a lease, publish, then delete what was delivered.
import {
  seriesTextFields,
  type Link,
  type Observation,
  type Series,
  type SeriesMetadata,
  type SeriesTextColumn,
} from '../core/observation.js';
import type { Database, Sql } from './db.js';

/** The series' descriptive text fields, by column. */
const MESSAGE_METADATA = seriesTextFields.map((f) => `'${f.column}', t.${f.column}`).join(', ');

const CLAIM_LOCK_KEY = 7_301_020; // serialises claims (not publishing) so per-series order holds
const MESSAGE_LOCK_KEY = 7_301_052; // serialises the decisions to queue a message once

/**
 * An observation to announce, flat (one object per observation, as the claim reads it): the observation,
 * its series' identity and names, and the series metadata the messages need (null fields: not given).
 */
export type OutboxEntry = Omit<Observation, 'series'> &
  Omit<Series, 'key' | 'metadata'> &
  Pick<SeriesMetadata, 'unit' | 'links' | 'version'> & {
    /** When the hub accepted it (epoch ms). */
    pubtimeMs: number;
    /** The series' descriptive text fields, by column. */
    metadata: Pick<SeriesMetadata, SeriesTextColumn>;
  };

/** A claimed outbox row: a committed batch of observations, or one whole message. */
export interface OutboxBatch {
  id: number;
  createdMs: number;
  /** W3C trace context of the ingest that wrote the row (null: not traced). */
  traceparent: string | null;
  /** The batch's observations that are still stored, in the batch's order (none for a message). */
  observations: OutboxEntry[];
  /** Observations of the batch that retention dropped before they could be announced. */
  expired: number;
  /** Time of the newest of those (epoch ms), for the log; null when none expired. */
  expiredObstimeMs: number | null;
  /** A whole message (discovery metadata), published as it is; null for a batch of observations. */
  message: { topic: string; payload: string } | null;
}

interface Candidate {
  id: number;
  ts_ids: number[] | null;
}

interface Row {
  id: number;
  created_at: Date;
  topic: string | null;
  payload: string | null;
  traceparent: string | null;
  obstime: Date | null;
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
  metadata: OutboxEntry['metadata'] | null;
}

/** Message rows have no series: among themselves they keep their order as one series of their own. */
const MESSAGES = -1;

/**
 * The rows a claim takes, oldest first, at most `limit` observations (a larger batch alone): never a row
 * sharing a series with a row in flight or with an older row left behind, so each series is announced
 * in order however many relays run. `busy`: the series of rows other claims hold.
 */
function pick(candidates: readonly Candidate[], busy: ReadonlySet<number>, limit: number): number[] {
  const blocked = new Set(busy);
  const picked: number[] = [];
  let observations = 0;
  for (const c of candidates) {
    const series = c.ts_ids ?? [MESSAGES];
    const size = c.ts_ids?.length ?? 1;
    if (picked.length > 0 && observations + size > limit) break;
    if (series.some((s) => blocked.has(s))) {
      for (const s of series) blocked.add(s);
      continue;
    }
    picked.push(c.id);
    observations += size;
  }
  return picked;
}

/**
 * Claims rows for `leaseSeconds` (see `pick`) and returns them with the stored observations they announce.
 * Claims are serialised by an advisory lock (so two relays never pick rows of one series at once: the
 * second sees the first's leases); publishing is not. `own`: rows the claiming relay holds, which do not
 * keep it from their series (it publishes in claim order).
 */
async function claimOutbox(
  db: Database,
  limit: number,
  leaseSeconds: number,
  own: readonly number[],
): Promise<OutboxBatch[]> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
    const [busy] = await tx.query<{ series: number[] | null }>(
      `SELECT array_agg(DISTINCT coalesce(s, ${MESSAGES})) AS series
       FROM outbox LEFT JOIN LATERAL unnest(ts_ids) AS s ON true
       WHERE lease_until IS NOT NULL AND lease_until > now() AND id <> ALL($1::bigint[])`,
      [own],
    );
    // The oldest free rows that start within the limit (one more row than fits at most).
    const candidates = await tx.query<Candidate>(
      `SELECT id, ts_ids FROM (
         SELECT id, ts_ids, sum(coalesce(cardinality(ts_ids), 1)) OVER (ORDER BY id)
           - coalesce(cardinality(ts_ids), 1) AS before
         FROM (SELECT id, ts_ids FROM outbox WHERE lease_until IS NULL OR lease_until <= now()
               ORDER BY id LIMIT 100) oldest
       ) x WHERE before < $1 ORDER BY id`,
      [limit],
    );
    const ids = pick(candidates, new Set(busy?.series ?? []), limit);
    if (ids.length === 0) return [];
    return tx.query<Row>(
      `WITH claimed AS (
         UPDATE outbox SET lease_until = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[])
         RETURNING id, ts_ids, obstimes, created_at, topic, payload, traceparent
       )
       SELECT c.id, c.created_at, c.topic, c.payload, c.traceparent, u.obstime,
         ob.ts_id IS NOT NULL AND t.id IS NOT NULL AS found, ob.pubtime, g.lon, g.lat,
         ob.value, ob.value_text, ob.quality_code, ob.camsl, ob.history, ob.processing_level,
         t.naming_authority, t.platform, t.standard_name, t.level, t.function, t.period, t.instrument,
         t.parameter_name, t.timeseries_id, t.unit, t.links, t.version,
         CASE WHEN t.id IS NULL THEN NULL ELSE jsonb_build_object(${MESSAGE_METADATA}) END AS metadata
       FROM claimed c
       LEFT JOIN LATERAL unnest(c.ts_ids, c.obstimes) WITH ORDINALITY AS u(ts_id, obstime, i) ON true
       LEFT JOIN observation ob ON ob.ts_id = u.ts_id AND ob.obstime = u.obstime
       LEFT JOIN time_series t ON t.id = ob.ts_id
       LEFT JOIN geo_point g ON g.id = ob.geo_point_id
       ORDER BY c.id, u.i`,
      [ids, leaseSeconds],
    );
  });
  const batches = new Map<number, OutboxBatch>();
  for (const r of rows) {
    const id = Number(r.id);
    let batch = batches.get(id);
    if (!batch) {
      batch = {
        id,
        createdMs: r.created_at.getTime(),
        traceparent: r.traceparent,
        observations: [],
        expired: 0,
        expiredObstimeMs: null,
        message: r.topic !== null && r.payload !== null ? { topic: r.topic, payload: r.payload } : null,
      };
      batches.set(id, batch);
    }
    if (batch.message) continue;
    if (!r.found) {
      batch.expired++;
      const ms = r.obstime?.getTime() ?? null;
      if (ms !== null && (batch.expiredObstimeMs === null || ms > batch.expiredObstimeMs))
        batch.expiredObstimeMs = ms;
      continue;
    }
    batch.observations.push({
      obstimeMs: r.obstime!.getTime(),
      pubtimeMs: r.pubtime?.getTime() ?? batch.createdMs,
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
      metadata: r.metadata!,
      links: r.links,
      version: r.version,
    });
  }
  return [...batches.values()];
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

/** Extends the lease of rows still held (a relay at work renews what it claimed). */
async function renewOutbox(sql: Sql, ids: readonly number[], leaseSeconds: number): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(
    'UPDATE outbox SET lease_until = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[])',
    [ids, leaseSeconds],
  );
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
  const [row] = await sql.query<{ n: number; oldest: Date | null }>(
    `SELECT coalesce(sum(cardinality(ts_ids)), 0)::integer AS n, min(created_at) AS oldest
     FROM outbox WHERE ts_ids IS NOT NULL`,
  );
  return { depth: row?.n ?? 0, oldestMs: row?.oldest?.getTime() ?? null };
}

export interface OutboxRepository {
  /**
   * Claims undelivered rows, up to `limit` observations, for `leaseSeconds` (oldest first, never a
   * series another relay is publishing; `own`: the rows the claiming relay holds) with the observations
   * they announce.
   */
  claim(limit: number, leaseSeconds: number, own?: readonly number[]): Promise<OutboxBatch[]>;
  /** Removes delivered rows. */
  delete(ids: readonly number[]): Promise<void>;
  /** Returns claimed rows to the queue (not delivered; retried in order). */
  release(ids: readonly number[]): Promise<void>;
  /** Extends the lease of claimed rows by `leaseSeconds` from now. */
  renew(ids: readonly number[], leaseSeconds: number): Promise<void>;
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

  claim(limit: number, leaseSeconds: number, own: readonly number[] = []): Promise<OutboxBatch[]> {
    return claimOutbox(this.db, limit, leaseSeconds, own);
  }

  delete(ids: readonly number[]): Promise<void> {
    return deleteOutbox(this.db, ids);
  }

  release(ids: readonly number[]): Promise<void> {
    return releaseOutbox(this.db, ids);
  }

  renew(ids: readonly number[], leaseSeconds: number): Promise<void> {
    return renewOutbox(this.db, ids, leaseSeconds);
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
