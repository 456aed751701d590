// Retention: drops observation partitions that lie wholly before the window, then the series and
// positions that no longer have any observation inside it, and announcements (outbox rows) of
// observations that left the window before they could be published.
import type { Database } from './db.js';
import type { Partitions } from './partitions.js';

export interface RetentionResult {
  droppedPartitions: string[];
  deletedSeries: number;
  /** Outbox rows of expired observations, never announced (the broker was unreachable that long). */
  deletedAnnouncements: number;
}

export async function dropExpired(
  db: Database,
  partitions: Partitions,
  cutoffMs: number,
): Promise<RetentionResult> {
  const droppedPartitions = await partitions.dropBefore(cutoffMs);
  const deleted = await db.query<{ id: number }>(
    'DELETE FROM time_series WHERE last_obstime < $1 RETURNING id',
    [new Date(cutoffMs).toISOString()],
  );
  const [announcements] = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM outbox WHERE obstime < $1 RETURNING 1) SELECT count(*)::integer AS n FROM gone',
    [new Date(cutoffMs).toISOString()],
  );
  return { droppedPartitions, deletedSeries: deleted.length, deletedAnnouncements: announcements?.n ?? 0 };
}
