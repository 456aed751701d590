// The storage service: the only place that speaks SQL. Opens the database (embedded or server),
// migrates it, and offers repositories that take and return domain values.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Observation } from '../core/observation.js';
import type { DataDirLock } from './dataDirLock.js';
import { openDatabase, type Database, type PoolStats, type QueryLimits } from './db.js';
import { findExtent, type DataExtent } from './extent.js';
import { IdentityRepository } from './identity.js';
import { EVERYONE, findDataVersion, pruneDataVersions, stampDataVersion } from './dataVersion.js';
import { migrate } from './migrate.js';
import { OidcRepository } from './oidc.js';
import {
  countStored,
  ForgottenSeriesError,
  findSeriesValues,
  resolvePoints,
  writeObservations,
  type KnownSeries,
  type StoredCounts,
  type StoredValue,
} from './observations.js';
import {
  claimOutbox,
  deleteOutbox,
  outboxStats,
  releaseOutbox,
  type OutboxEntry,
  type OutboxStats,
} from './outbox.js';
import { Partitions } from './partitions.js';
import { RateLimitRepository } from './rateLimits.js';
import { dropExpired, type RetentionResult } from './retention.js';
import { findKnownParameterNames, findParameters, SeriesReader, type ParameterRow } from './series.js';
import { readSetting, writeSetting } from './settings.js';
import { findIngestActivity, type IngestBucket } from './activity.js';

export type { StoredCounts, StoredValue } from './observations.js';
export { columnRanges } from './observations.js';
export type { IngestBucket } from './activity.js';
export type { RetentionResult } from './retention.js';
export { listMigrations } from './migrate.js';
export { dataDirOwner, type DataDirLock, type DataDirOwner } from './dataDirLock.js';
export type { DataExtent } from './extent.js';
export type {
  Area,
  FoundSeries,
  LatestRow,
  LocationRow,
  ParameterRow,
  SeriesData,
  SeriesFilter,
  SeriesRecord,
  SeriesRow,
} from './series.js';
export { seriesMetadataFields, type SeriesReader } from './series.js';
export type { Database, PoolStats, QueryLimits, Sql } from './db.js';
export type { OutboxEntry, OutboxStats } from './outbox.js';
export { IdentityRepository } from './identity.js';
export { OidcRepository } from './oidc.js';
export { RateLimitRepository } from './rateLimits.js';
export type { RateLimitOverride, RateLimitOverrides } from './rateLimits.js';
export type { OidcClient, OidcKey, OidcKeyUse, OidcPayload } from './oidc.js';
export type {
  ApiKey,
  ApiKeyHolder,
  AuditEvent,
  AuditFilter,
  DataPolicy,
  Organisation,
  User,
} from './identity.js';

const OUTBOX_CHANNEL = 'obshub_outbox';

export interface StorageOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  retentionSeconds: number | null;
  /** DATABASE_TIMEOUT: longest a statement may run or wait for its answer (default 60 s). */
  databaseTimeoutSeconds?: number;
  /** DATABASE_POOL_SIZE: connections to PostgreSQL (default 20). */
  databasePoolSize?: number;
  /** Write outbox rows with every ingest (something announces observations). Default true. */
  outbox?: boolean;
  /** Wraps the database connection (metrics, traces and slow-statement logs of every statement). */
  observe?: (db: Database) => Database;
}

export class Storage {
  private readonly partitions: Partitions;
  /** Position → geo_point id; positions are never deleted, so the cache never goes stale. */
  private readonly knownPoints = new Map<string, number>();
  /** Series identity → id and last written metadata, so unchanged series skip the full upsert. */
  private readonly knownSeries = new Map<string, KnownSeries>();
  /** This process's row in data_version. */
  private readonly writer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly committedListeners = new Set<() => void>();
  private readonly dataChangeListeners = new Set<() => void>();
  private stopListening: (() => Promise<void>) | undefined;
  /** Organisations, users, API keys and the audit log. */
  readonly identity: IdentityRepository;
  /** The built-in OIDC provider's artefacts, keys and clients. */
  readonly oidc: OidcRepository;
  /** Organisations' rate-limit overrides. */
  readonly rateLimits: RateLimitRepository;

  private constructor(
    private readonly db: Database,
    retentionSeconds: number | null,
    private readonly outbox: boolean,
  ) {
    this.partitions = new Partitions(db, retentionSeconds);
    this.identity = new IdentityRepository(db);
    this.oidc = new OidcRepository(db);
    this.rateLimits = new RateLimitRepository(db);
  }

  static async open(options: StorageOptions): Promise<Storage> {
    const opened = await openDatabase({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      statementTimeoutMs: (options.databaseTimeoutSeconds ?? 60) * 1000,
      poolSize: options.databasePoolSize ?? 20,
    });
    const db = options.observe ? options.observe(opened) : opened;
    return new Storage(db, options.retentionSeconds, options.outbox ?? true);
  }

  get kind(): Database['kind'] {
    return this.db.kind;
  }

  get description(): string {
    return this.db.description;
  }

  /** The embedded database's hold on DATA_DIR; undefined on a PostgreSQL server. */
  get dataDirLock(): DataDirLock | undefined {
    return this.db.dataDirLock;
  }

  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  /** Stores a validated, de-duplicated batch durably, in one transaction. */
  async writeObservations(
    observations: readonly Observation[],
    pubtimeMs: number,
    /** W3C trace context stored with the outbox rows: the relay continues the ingest's trace. */
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
    const announce = this.outbox && observations.length > 0;
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
      // Relays in other processes hear of the commit at once (PostgreSQL delivers it on commit).
      if (announce && this.db.listen) await tx.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
      return written;
    });
    for (const [key, series] of learned) this.knownSeries.set(key, series);
    this.dataChanged();
    if (announce) this.outboxCommitted();
  }

  private dataChanged(): void {
    for (const listener of this.dataChangeListeners) listener();
  }

  /**
   * Calls `listener` after this process changed the stored data (an ingest commit, a retention run), e.g.
   * to drop a cached data version at once. Returns an unsubscribe function.
   */
  onDataChange(listener: () => void): () => void {
    this.dataChangeListeners.add(listener);
    return () => this.dataChangeListeners.delete(listener);
  }

  private outboxCommitted(): void {
    for (const listener of this.committedListeners) listener();
  }

  /**
   * Calls `listener` after every commit that added outbox rows: at once for this process's commits, and
   * through LISTEN/NOTIFY for other processes' on PostgreSQL. Returns an unsubscribe function.
   */
  onOutboxCommit(listener: () => void): () => void {
    this.committedListeners.add(listener);
    this.stopListening ??= this.db.listen?.(OUTBOX_CHANNEL, () => this.outboxCommitted());
    return () => this.committedListeners.delete(listener);
  }

  /**
   * Claims up to `limit` undelivered outbox rows for `leaseSeconds` (oldest first, never a series another
   * relay is publishing) with the observations they announce.
   */
  claimOutbox(limit: number, leaseSeconds: number): Promise<OutboxEntry[]> {
    return claimOutbox(this.db, limit, leaseSeconds);
  }

  /** Removes delivered outbox rows. */
  deleteOutbox(ids: readonly number[]): Promise<void> {
    return deleteOutbox(this.db, ids);
  }

  /** Returns claimed rows to the queue (not delivered; retried in order). */
  releaseOutbox(ids: readonly number[]): Promise<void> {
    return releaseOutbox(this.db, ids);
  }

  /** Backlog depth and the age of its oldest row. */
  outboxStats(): Promise<OutboxStats> {
    return outboxStats(this.db);
  }

  /** A value the hub keeps across restarts (e.g. what discovery metadata was last announced). */
  readSetting(key: string): Promise<string | undefined> {
    return readSetting(this.db, key);
  }

  writeSetting(key: string, value: string): Promise<void> {
    return writeSetting(this.db, key, value);
  }

  /** Stored counts; with `sinceMs`, only what lies inside the window starting there. */
  counts(sinceMs: number | null = null): Promise<StoredCounts> {
    return countStored(this.db, sinceMs);
  }

  /**
   * Spatial and temporal extent of the data inside the window starting at `sinceMs` (null: all), without
   * the series of `hiddenAuthorities`.
   */
  extent(sinceMs: number | null = null, hiddenAuthorities: readonly string[] = []): Promise<DataExtent> {
    return findExtent(this.db, sinceMs, hiddenAuthorities);
  }

  /** Stored values of one station's parameter (by E-SOH parameter_name), oldest first. */
  seriesValues(platform: string, parameterName: string): Promise<StoredValue[]> {
    return findSeriesValues(this.db, platform, parameterName);
  }

  /**
   * The query API's reads of series and observations, each statement under `limits`: cancelled when it
   * runs too long or when the caller went away.
   */
  reader(limits: QueryLimits): SeriesReader {
    return new SeriesReader(this.db.limited(limits));
  }

  /** Observations received since `sinceMs` per naming authority and bucket of `bucketSeconds`. */
  ingestActivity(sinceMs: number, bucketSeconds: number): Promise<IngestBucket[]> {
    return findIngestActivity(this.db, sinceMs, bucketSeconds);
  }

  /** One definition per parameter name inside the window starting at `sinceMs`. */
  parameters(sinceMs: number | null, hiddenAuthorities: readonly string[] = []): Promise<ParameterRow[]> {
    return findParameters(this.db, sinceMs, hiddenAuthorities);
  }

  /** The subset of `names` that are stored parameter names inside the window, with their newest time. */
  knownParameterNames(names: readonly string[], sinceMs: number | null): Promise<Map<string, number>> {
    return findKnownParameterNames(this.db, names, sinceMs);
  }

  /**
   * When the stored data a caller may see last changed (an ingest of the authorities it sees, or a
   * retention run): the version behind ETags.
   */
  dataVersion(hiddenAuthorities: readonly string[] = []): Promise<{ updatedMs: number | null }> {
    return findDataVersion(this.db, hiddenAuthorities);
  }

  async dropExpired(cutoffMs: number): Promise<RetentionResult> {
    const result = await dropExpired(this.db, this.partitions, cutoffMs);
    if (result.deletedSeries > 0) this.knownSeries.clear();
    await pruneDataVersions(this.db);
    if (result.deletedSeries > 0 || result.droppedPartitions.length > 0) {
      await stampDataVersion(this.db, this.writer, [EVERYONE]);
      this.dataChanged();
    }
    return result;
  }

  /** Connections and waiting statements (metrics). */
  poolStats(): PoolStats {
    return this.db.poolStats?.() ?? { total: 1, idle: 1, waiting: 0 };
  }

  listPartitions() {
    return this.partitions.list();
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    await this.db.close();
  }
}
