// Retention: drops observation partitions that lie wholly before the window, then the series and
// positions that no longer have any observation inside it, and announcements (outbox rows) of
// observations that left the window before they could be published.
import { EVERYONE, pruneDataVersions, stampDataVersion } from './dataVersion.js';
import type { Database } from './db.js';
import type { Partitions } from './partitions.js';

export interface RetentionResult {
  droppedPartitions: string[];
  deletedSeries: number;
  /** Expired observations never announced (the broker was unreachable that long). */
  deletedAnnouncements: number;
}

async function dropExpired(db: Database, partitions: Partitions, cutoffMs: number): Promise<RetentionResult> {
  const droppedPartitions = await partitions.dropBefore(cutoffMs);
  const deleted = await db.query<{ id: number }>(
    'DELETE FROM time_series WHERE last_obstime < $1 RETURNING id',
    [new Date(cutoffMs).toISOString()],
  );
  const [announcements] = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM outbox WHERE obstime < $1 RETURNING ts_ids)
     SELECT coalesce(sum(cardinality(ts_ids)), 0)::integer AS n FROM gone`,
    [new Date(cutoffMs).toISOString()],
  );
  return { droppedPartitions, deletedSeries: deleted.length, deletedAnnouncements: announcements?.n ?? 0 };
}

export interface RetentionRepository {
  /**
   * Drops what lies before `cutoffMs`: whole partitions of observations, the series and positions left
   * without observations, and announcements never published.
   */
  dropExpired(cutoffMs: number): Promise<RetentionResult>;
  /** What the rolling window holds: its time partitions and observations (for metrics; a full count). */
  windowSize(): Promise<{ partitions: number; observations: number }>;
}

export class SqlRetentionRepository implements RetentionRepository {
  constructor(
    private readonly db: Database,
    private readonly partitions: Partitions,
    /** This process's row in data_version. */
    private readonly writer: string,
    /** Series were deleted: writers must not trust their cached series ids. */
    private readonly seriesDeleted: () => void,
  ) {}

  async dropExpired(cutoffMs: number): Promise<RetentionResult> {
    const result = await dropExpired(this.db, this.partitions, cutoffMs);
    if (result.deletedSeries > 0) this.seriesDeleted();
    await pruneDataVersions(this.db);
    if (result.deletedSeries > 0 || result.droppedPartitions.length > 0) {
      await stampDataVersion(this.db, this.writer, [EVERYONE]);
    }
    return result;
  }

  async windowSize(): Promise<{ partitions: number; observations: number }> {
    const [partitions, [count]] = await Promise.all([
      this.partitions.list(),
      this.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM observation'),
    ]);
    return { partitions: partitions.length, observations: count?.n ?? 0 };
  }
}
