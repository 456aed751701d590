// The storage service: the only place that speaks SQL. Opens the database (embedded or server),
// migrates it, and offers repositories that take and return domain values.
import type { Observation } from '../core/observation.js';
import { openDatabase, type Database } from './db.js';
import { findExtent, type DataExtent } from './extent.js';
import { migrate } from './migrate.js';
import {
  claimOutbox,
  deleteOutbox,
  outboxStats,
  releaseOutbox,
  type OutboxEntry,
  type OutboxStats,
} from './outbox.js';
import {
  countStored,
  findSeriesValues,
  writeObservations,
  type StoredCounts,
  type StoredValue,
} from './observations.js';
import { Partitions } from './partitions.js';
import { dropExpired, type RetentionResult } from './retention.js';
import { readSetting, writeSetting } from './settings.js';

export type { StoredCounts, StoredValue } from './observations.js';
export type { RetentionResult } from './retention.js';
export { listMigrations } from './migrate.js';
export type { DataExtent } from './extent.js';
export type { OutboxEntry, OutboxStats } from './outbox.js';

const OUTBOX_CHANNEL = 'obshub_outbox';

export interface StorageOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  retentionSeconds: number | null;
  /** Write outbox rows with every ingest (something announces observations). Default true. */
  outbox?: boolean;
}

export class Storage {
  private readonly partitions: Partitions;
  private readonly committedListeners = new Set<() => void>();
  private stopListening: (() => Promise<void>) | undefined;

  private constructor(
    private readonly db: Database,
    retentionSeconds: number | null,
    private readonly outbox: boolean,
  ) {
    this.partitions = new Partitions(db, retentionSeconds);
  }

  static async open(options: StorageOptions): Promise<Storage> {
    return new Storage(await openDatabase(options), options.retentionSeconds, options.outbox ?? true);
  }

  get kind(): Database['kind'] {
    return this.db.kind;
  }

  get description(): string {
    return this.db.description;
  }

  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  /** Stores a validated, de-duplicated batch durably, in one transaction. */
  async writeObservations(observations: readonly Observation[], pubtimeMs: number): Promise<void> {
    await this.partitions.ensure(observations.map((o) => o.obstimeMs));
    const announce = this.outbox && observations.length > 0;
    await this.db.transaction(async (tx) => {
      await writeObservations(tx, observations, pubtimeMs, this.outbox);
      // Relays in other processes hear of the commit at once (PostgreSQL delivers it on commit).
      if (announce && this.db.listen) await tx.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    });
    if (announce) this.outboxCommitted();
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

  /** Stored counts; with `sinceMs`, only what lies inside the window starting there. */
  counts(sinceMs: number | null = null): Promise<StoredCounts> {
    return countStored(this.db, sinceMs);
  }

  /** Spatial and temporal extent of the data inside the window starting at `sinceMs` (null: all). */
  extent(sinceMs: number | null = null): Promise<DataExtent> {
    return findExtent(this.db, sinceMs);
  }

  /** Stored values of one station's parameter (by E-SOH parameter_name), oldest first. */
  seriesValues(platform: string, parameterName: string): Promise<StoredValue[]> {
    return findSeriesValues(this.db, platform, parameterName);
  }

  dropExpired(cutoffMs: number): Promise<RetentionResult> {
    return dropExpired(this.db, this.partitions, cutoffMs);
  }

  listPartitions() {
    return this.partitions.list();
  }

  /** A value the hub keeps across restarts (e.g. what discovery metadata was last announced). */
  readSetting(key: string): Promise<string | undefined> {
    return readSetting(this.db, key);
  }

  writeSetting(key: string, value: string): Promise<void> {
    return writeSetting(this.db, key, value);
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
