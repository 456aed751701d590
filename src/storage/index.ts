// The storage service: the only place that speaks SQL. Opens the database (embedded or server),
// migrates it, and offers repositories that take and return domain values.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Observation } from '../core/observation.js';
import type { DataDirLock } from './dataDirLock.js';
import { openDatabase, type Database, type QueryLimits } from './db.js';
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
  queueMessageOnce,
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
export { openNotificationChannel, type NotificationChannel } from './notifications.js';
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
export type { QueryLimits } from './db.js';
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

export interface StorageOptions {
  databaseUrl: string | undefined;
  /**
   * DATABASE_READ_URL: streaming replicas of `databaseUrl` that serve the query API's reads (`reader`,
   * `parameters`, `extent`, `knownParameterNames`), in turn. Data versions always come from the primary.
   */
  readUrls?: readonly string[];
  dataDir: string;
  retentionSeconds: number | null;
  /** DATABASE_TIMEOUT: longest a statement may run or wait for its answer (default 60 s). */
  databaseTimeoutSeconds?: number;
  /** DATABASE_POOL_SIZE: connections to PostgreSQL (default 20). */
  databasePoolSize?: number;
  /** Write outbox rows with every ingest (something announces observations). Default true. */
  outbox?: boolean;
}

export class Storage {
  private readonly partitions: Partitions;
  /** Position → geo_point id; positions are never deleted, so the cache never goes stale. */
  private readonly knownPoints = new Map<string, number>();
  /** Series identity → id and last written metadata, so unchanged series skip the full upsert. */
  private readonly knownSeries = new Map<string, KnownSeries>();
  /** This process's row in data_version. */
  private readonly writer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  /** Organisations, users, API keys and the audit log. */
  readonly identity: IdentityRepository;
  /** The built-in OIDC provider's artefacts, keys and clients. */
  readonly oidc: OidcRepository;
  /** Organisations' rate-limit overrides. */
  readonly rateLimits: RateLimitRepository;

  /** The next replica to read from (round robin). */
  private nextReplica = 0;

  private constructor(
    private readonly db: Database,
    retentionSeconds: number | null,
    private readonly outbox: boolean,
    private readonly replicas: readonly Database[] = [],
  ) {
    this.partitions = new Partitions(db, retentionSeconds);
    this.identity = new IdentityRepository(db);
    this.oidc = new OidcRepository(db);
    this.rateLimits = new RateLimitRepository(db);
  }

  static async open(options: StorageOptions): Promise<Storage> {
    const open = (databaseUrl: string | undefined) =>
      openDatabase({
        databaseUrl,
        dataDir: options.dataDir,
        statementTimeoutMs: (options.databaseTimeoutSeconds ?? 60) * 1000,
        poolSize: options.databasePoolSize ?? 20,
      });
    const db = await open(options.databaseUrl);
    const replicas = options.databaseUrl
      ? await Promise.all((options.readUrls ?? []).map((url) => open(url)))
      : [];
    return new Storage(db, options.retentionSeconds, options.outbox ?? true, replicas);
  }

  get kind(): Database['kind'] {
    return this.db.kind;
  }

  get description(): string {
    const replicas = this.replicas.map((r) => r.description.replace(/^PostgreSQL at /, ''));
    return replicas.length
      ? `${this.db.description}, reads from ${replicas.join(', ')}`
      : this.db.description;
  }

  /** Where the query API reads: the next replica, or the primary when there is none. */
  private readDb(): Database {
    if (this.replicas.length === 0) return this.db;
    this.nextReplica = (this.nextReplica + 1) % this.replicas.length;
    return this.replicas[this.nextReplica]!;
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
  async writeObservations(observations: readonly Observation[], pubtimeMs: number): Promise<void> {
    try {
      await this.writeOnce(observations, pubtimeMs);
    } catch (err) {
      if (!(err instanceof ForgottenSeriesError)) throw err;
      for (const key of err.keys) this.knownSeries.delete(key);
      await this.writeOnce(observations, pubtimeMs);
    }
  }

  private async writeOnce(observations: readonly Observation[], pubtimeMs: number): Promise<void> {
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
      );
      await stampDataVersion(tx, this.writer, [
        ...new Set(observations.map((o) => o.series.namingAuthority)),
      ]);
      return written;
    });
    for (const [key, series] of learned) this.knownSeries.set(key, series);
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

  /**
   * Queues a whole message in the outbox (published by the relays) unless the setting `key` already holds
   * `value`, and sets it, in one transaction serialised across processes. True when queued.
   */
  queueMessageOnce(
    key: string,
    value: string,
    build: (previous: string | undefined) => { topic: string; payload: string } | undefined,
  ): Promise<boolean> {
    return queueMessageOnce(this.db, key, value, build);
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
    return findExtent(this.readDb(), sinceMs, hiddenAuthorities);
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
    return new SeriesReader(this.readDb().limited(limits));
  }

  /** Observations received since `sinceMs` per naming authority and bucket of `bucketSeconds`. */
  ingestActivity(sinceMs: number, bucketSeconds: number): Promise<IngestBucket[]> {
    return findIngestActivity(this.db, sinceMs, bucketSeconds);
  }

  /** One definition per parameter name inside the window starting at `sinceMs`. */
  parameters(sinceMs: number | null, hiddenAuthorities: readonly string[] = []): Promise<ParameterRow[]> {
    return findParameters(this.readDb(), sinceMs, hiddenAuthorities);
  }

  /** The subset of `names` that are stored parameter names inside the window, with their newest time. */
  knownParameterNames(names: readonly string[], sinceMs: number | null): Promise<Map<string, number>> {
    return findKnownParameterNames(this.readDb(), names, sinceMs);
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
    }
    return result;
  }

  listPartitions() {
    return this.partitions.list();
  }

  /** Throws when the database (and every read replica) cannot answer. */
  async ping(): Promise<void> {
    await Promise.all([this.db, ...this.replicas].map((db) => db.query('SELECT 1')));
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.close()));
    await this.db.close();
  }
}
