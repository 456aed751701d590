// The storage service: the only place that speaks SQL. Opens the database (embedded or server),
// migrates it, and offers repositories that take and return domain values.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Observation } from '../core/observation.js';
import { openDatabase, type Database } from './db.js';
import { findExtent, type DataExtent } from './extent.js';
import { pruneDataVersions, stampDataVersion } from './dataVersion.js';
import { migrate } from './migrate.js';
import {
  countStored,
  findSeriesValues,
  resolvePoints,
  writeObservations,
  type KnownSeries,
  type StoredCounts,
  type StoredValue,
} from './observations.js';
import { Partitions } from './partitions.js';
import { dropExpired, type RetentionResult } from './retention.js';
import {
  countObservations,
  findDataVersion,
  findKnownParameterNames,
  findLocations,
  findParameters,
  findSeries,
  findSeriesData,
  findSeriesRecords,
  type LocationRow,
  type ParameterRow,
  type SeriesData,
  type SeriesFilter,
  type SeriesRecord,
  type SeriesRow,
} from './series.js';

export type { StoredCounts, StoredValue } from './observations.js';
export type { RetentionResult } from './retention.js';
export { listMigrations } from './migrate.js';
export type { DataExtent } from './extent.js';
export type {
  Area,
  LocationRow,
  ParameterRow,
  SeriesData,
  SeriesFilter,
  SeriesRecord,
  SeriesRow,
} from './series.js';
export { seriesMetadataFields } from './series.js';

export interface StorageOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  retentionSeconds: number | null;
}

export class Storage {
  private readonly partitions: Partitions;
  /** Position → geo_point id; positions are never deleted, so the cache never goes stale. */
  private readonly knownPoints = new Map<string, number>();
  /** Series identity → id and last written metadata, so unchanged series skip the full upsert. */
  private readonly knownSeries = new Map<string, KnownSeries>();
  /** This process's row in data_version. */
  private readonly writer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  private constructor(
    private readonly db: Database,
    retentionSeconds: number | null,
  ) {
    this.partitions = new Partitions(db, retentionSeconds);
  }

  static async open(options: StorageOptions): Promise<Storage> {
    return new Storage(await openDatabase(options), options.retentionSeconds);
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
    const pointIds = await resolvePoints(this.db, observations, this.knownPoints);
    const learned = await this.db.transaction(async (tx) => {
      const written = await writeObservations(tx, observations, pointIds, pubtimeMs, this.knownSeries);
      await stampDataVersion(tx, this.writer);
      return written;
    });
    for (const [key, series] of learned) this.knownSeries.set(key, series);
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

  /** Series matching a query filter, ordered by position and parameter name (metadata only). */
  findSeries(filter: SeriesFilter): Promise<SeriesRow[]> {
    return findSeries(this.db, filter);
  }

  /** Full series records ordered by timeseries_id, one page. */
  findSeriesRecords(filter: SeriesFilter, page: { limit: number; offset: number }): Promise<SeriesRecord[]> {
    return findSeriesRecords(this.db, filter, page);
  }

  /** Observations of the series `ids` inside the filter's time window, as arrays per series. */
  seriesData(ids: readonly number[], filter: SeriesFilter): Promise<Map<number, SeriesData>> {
    return findSeriesData(this.db, ids, filter);
  }

  /** How many observations `seriesData` would return. */
  countObservations(ids: readonly number[], filter: SeriesFilter): Promise<number> {
    return countObservations(this.db, ids, filter);
  }

  /** Stations matching a filter, with their parameter names, sorted by platform. */
  findLocations(filter: SeriesFilter): Promise<LocationRow[]> {
    return findLocations(this.db, filter);
  }

  /** One definition per parameter name inside the window starting at `sinceMs`. */
  parameters(sinceMs: number | null): Promise<ParameterRow[]> {
    return findParameters(this.db, sinceMs);
  }

  /** The subset of `names` that are stored parameter names inside the window. */
  knownParameterNames(names: readonly string[], sinceMs: number | null): Promise<Set<string>> {
    return findKnownParameterNames(this.db, names, sinceMs);
  }

  /** When the stored data last changed (any ingest or retention run): the version behind ETags. */
  dataVersion(): Promise<{ updatedMs: number | null }> {
    return findDataVersion(this.db);
  }

  async dropExpired(cutoffMs: number): Promise<RetentionResult> {
    const result = await dropExpired(this.db, this.partitions, cutoffMs);
    if (result.deletedSeries > 0) this.knownSeries.clear();
    await pruneDataVersions(this.db);
    if (result.deletedSeries > 0 || result.droppedPartitions.length > 0) {
      await stampDataVersion(this.db, this.writer);
    }
    return result;
  }

  listPartitions() {
    return this.partitions.list();
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
