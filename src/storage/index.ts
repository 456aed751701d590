// The storage service: the only place that speaks SQL. Opens the database (embedded or server),
// migrates it, and offers one repository per aggregate, each taking and returning domain values. Services
// are handed only the repositories they use (see `Repositories`), never the Storage itself.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SqlApiKeyRepository, type ApiKeyRepository } from './apiKeys.js';
import { SqlAuditRepository, type AuditRepository } from './audit.js';
import type { DataDirLock } from './dataDirLock.js';
import { openDatabase, type Database } from './db.js';
import { migrate } from './migrate.js';
import { SqlObservationRepository, type ObservationRepository } from './observations.js';
import { SqlOidcRepository, type OidcRepository } from './oidc.js';
import { SqlOrganisationRepository, type OrganisationRepository } from './organisations.js';
import { SqlOutboxRepository, type OutboxRepository } from './outbox.js';
import { Partitions } from './partitions.js';
import { SqlRateLimitRepository, type RateLimitRepository } from './rateLimits.js';
import { SqlRetentionRepository, type RetentionRepository } from './retention.js';
import { SqlSeriesRepository, type SeriesRepository } from './series.js';
import { SqlSettingsRepository, type SettingsRepository } from './settings.js';
import { SqlUserRepository, type UserRepository } from './users.js';

export { columnRanges, type ObservationRepository } from './observations.js';
export type { IngestBucket } from './activity.js';
export type { RetentionRepository, RetentionResult } from './retention.js';
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
  SeriesRepository,
  SeriesRow,
} from './series.js';
export type { SeriesReader } from './series.js';
export type { Database, QueryLimits, Sql } from './db.js';
export type { OutboxEntry, OutboxRepository, OutboxStats } from './outbox.js';
export type { SettingsRepository } from './settings.js';
export type { RateLimitOverride, RateLimitOverrides, RateLimitRepository } from './rateLimits.js';
export type { OidcClient, OidcKey, OidcKeyUse, OidcPayload, OidcRepository } from './oidc.js';
export type { DataPolicy, Organisation, OrganisationRepository } from './organisations.js';
export type { User, UserChanges, UserRepository } from './users.js';
export type { ApiKey, ApiKeyHolder, ApiKeyRepository } from './apiKeys.js';
export type { AuditEvent, AuditFilter, AuditRepository, NewAuditEvent } from './audit.js';

/** One repository per aggregate. A service declares the ones it uses as `Pick<Repositories, …>`. */
export interface Repositories {
  readonly observations: ObservationRepository;
  readonly series: SeriesRepository;
  readonly outbox: OutboxRepository;
  readonly settings: SettingsRepository;
  readonly retention: RetentionRepository;
  readonly organisations: OrganisationRepository;
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditRepository;
  /** The built-in OIDC provider's artefacts, keys and clients. */
  readonly oidc: OidcRepository;
  /** Organisations' rate-limit overrides. */
  readonly rateLimits: RateLimitRepository;
}

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
}

export class Storage implements Repositories {
  /** This process's row in data_version. */
  private readonly writer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly committedListeners = new Set<() => void>();
  private readonly dataChangeListeners = new Set<() => void>();
  private stopListening: (() => Promise<void>) | undefined;
  readonly observations: ObservationRepository;
  readonly series: SeriesRepository;
  readonly outbox: OutboxRepository;
  readonly settings: SettingsRepository;
  readonly retention: RetentionRepository;
  readonly organisations: OrganisationRepository;
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditRepository;
  readonly oidc: OidcRepository;
  readonly rateLimits: RateLimitRepository;

  private constructor(
    /** The database itself: for the repositories, and for tools and test support (test/support/queries.ts). */
    readonly db: Database,
    retentionSeconds: number | null,
    outbox: boolean,
  ) {
    const partitions = new Partitions(db, retentionSeconds);
    const observations = new SqlObservationRepository(db, partitions, this.writer, outbox, {
      // Relays in other processes hear of the commit at once (PostgreSQL delivers it on commit).
      inTransaction: async (tx, announced) => {
        if (announced && this.db.listen) await tx.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
      },
      committed: (announced) => {
        this.dataChanged();
        if (announced) this.outboxCommitted();
      },
    });
    this.observations = observations;
    this.retention = new SqlRetentionRepository(db, partitions, this.writer, {
      seriesDeleted: () => observations.forgetSeries(),
      dataChanged: () => this.dataChanged(),
    });
    this.series = new SqlSeriesRepository(db);
    this.outbox = new SqlOutboxRepository(db);
    this.settings = new SqlSettingsRepository(db);
    this.organisations = new SqlOrganisationRepository(db);
    this.users = new SqlUserRepository(db);
    this.apiKeys = new SqlApiKeyRepository(db);
    this.audit = new SqlAuditRepository(db);
    this.oidc = new SqlOidcRepository(db);
    this.rateLimits = new SqlRateLimitRepository(db);
  }

  static async open(options: StorageOptions): Promise<Storage> {
    const db = await openDatabase({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      statementTimeoutMs: (options.databaseTimeoutSeconds ?? 60) * 1000,
      poolSize: options.databasePoolSize ?? 20,
    });
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

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    await this.db.close();
  }
}
