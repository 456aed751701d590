// The storage service: the only place that speaks SQL. Opens the database (embedded or server),
// migrates it, and offers one repository per aggregate, each taking and returning domain values. Services
// are handed only the repositories they use (see `Repositories`), never the Storage itself.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SqlApiKeyRepository, type ApiKeyRepository } from './apiKeys.js';
import { SqlAuditRepository, type AuditRepository } from './audit.js';
import { openDatabase, type Database, type PoolStats } from './db.js';
import { openLeaderLock, type LeaderLockName } from './leaderLock.js';
import { migrate } from './migrate.js';
import { SqlObservationRepository, type ObservationRepository } from './observations.js';
import { SqlOidcRepository, type OidcRepository } from './oidc.js';
import { SqlOrganisationRepository, type OrganisationRepository } from './organisations.js';
import { SqlOutboxRepository, type OutboxRepository } from './outbox.js';
import { Partitions } from './partitions.js';
import { SqlRateLimitRepository, type RateLimitRepository } from './rateLimits.js';
import { ReadReplicas, type ReplicaState } from './replicas.js';
import { SqlRetentionRepository, type RetentionRepository } from './retention.js';
import { SqlSeriesRepository, type SeriesRepository } from './series.js';
import { SqlSettingsRepository, type SettingsRepository } from './settings.js';
import { SqlUserRepository, type UserRepository } from './users.js';

export type { ObservationRepository } from './observations.js';
export type { IngestBucket } from './activity.js';
export type { RetentionRepository, RetentionResult } from './retention.js';
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
  SeriesRepository,
  SeriesRow,
} from './series.js';
export type { SeriesReader } from './series.js';
export type { Database, PoolStats, QueryLimits, Sql } from './db.js';
export type { LeaderLock, LeaderLockName } from './leaderLock.js';
export type { ReplicaState } from './replicas.js';
export type { OutboxBatch, OutboxEntry, OutboxRepository, OutboxStats } from './outbox.js';
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

export interface StorageOptions {
  databaseUrl: string | undefined;
  /**
   * DATABASE_READ_URL: streaming replicas of `databaseUrl` that serve the query API's reads (the series
   * repository's reader, parameters, extent and known parameter names), in turn, while they lag the
   * primary by at most `databaseReadMaxLagSeconds`. Data versions always come from the primary.
   */
  readUrls?: readonly string[];
  /** DATABASE_READ_MAX_LAG_S: reads go to the primary while a replica lags more (default 10 s). */
  databaseReadMaxLagSeconds?: number;
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

/** The database, its repositories (one per aggregate) and what the hub needs to run them. */
export type Storage = Awaited<ReturnType<typeof openStorage>>;

/** Opens the database (and its read replicas) with its repositories; `migrate()` brings it up to date. */
export async function openStorage(options: StorageOptions) {
  const open = async (databaseUrl: string | undefined) => {
    const opened = await openDatabase({
      databaseUrl,
      dataDir: options.dataDir,
      statementTimeoutMs: (options.databaseTimeoutSeconds ?? 60) * 1000,
      poolSize: options.databasePoolSize ?? 20,
    });
    return options.observe ? options.observe(opened) : opened;
  };
  const db = await open(options.databaseUrl);
  const replicas = new ReadReplicas(
    db,
    options.databaseUrl ? await Promise.all((options.readUrls ?? []).map((url) => open(url))) : [],
    options.databaseReadMaxLagSeconds ?? 10,
  );
  /** This process's row in data_version. */
  const writer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const partitions = new Partitions(db, options.retentionSeconds);
  const observations = new SqlObservationRepository(db, partitions, writer, options.outbox ?? true);
  const repositories: Repositories = {
    observations,
    series: new SqlSeriesRepository(db, () => replicas.readDb()),
    outbox: new SqlOutboxRepository(db),
    settings: new SqlSettingsRepository(db),
    retention: new SqlRetentionRepository(db, partitions, writer, () => observations.forgetSeries()),
    organisations: new SqlOrganisationRepository(db),
    users: new SqlUserRepository(db),
    apiKeys: new SqlApiKeyRepository(db),
    audit: new SqlAuditRepository(db),
    oidc: new SqlOidcRepository(db),
    rateLimits: new SqlRateLimitRepository(db),
  };
  const replicaNames = replicas.states().map((r) => r.replica);
  return {
    ...repositories,
    /** The database itself: for the repositories, and for tools and test support (test/support/queries.ts). */
    db,
    kind: db.kind,
    description: replicaNames.length
      ? `${db.description}, reads from ${replicaNames.join(', ')}`
      : db.description,
    /** The embedded database's hold on DATA_DIR; undefined on a PostgreSQL server. */
    dataDirLock: db.dataDirLock,
    /** The lock that makes this process the one of a deployment running task `name` (see leaderLock.ts). */
    leaderLock: (name: LeaderLockName) => openLeaderLock(options.databaseUrl, name),
    /** Applies pending migrations; returns the names applied now. */
    migrate: (): Promise<string[]> => migrate(db),
    /** Connections and waiting statements of the primary (metrics). */
    poolStats: (): PoolStats => db.poolStats?.() ?? { total: 1, idle: 1, waiting: 0 },
    /** The read replicas, how far each lags and whether reads go to it (none without DATABASE_READ_URL). */
    replicas: (): ReplicaState[] => replicas.states(),
    /** How far behind the primary the query API's reads may be, at most (0: they come from the primary). */
    readStalenessMs: replicas.stalenessMs,
    /** Throws when the database (and every read replica) cannot answer. */
    async ping(): Promise<void> {
      await Promise.all([db.query('SELECT 1'), replicas.ping()]);
    },
    async close(): Promise<void> {
      await replicas.close();
      await db.close();
    },
  };
}
