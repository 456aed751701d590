// Retention: drops observation partitions that lie wholly before the window, then the series and
// positions that no longer have any observation inside it.
import type { Database } from './db.js';
import type { Partitions } from './partitions.js';

export interface RetentionResult {
  droppedPartitions: string[];
  deletedSeries: number;
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
  return { droppedPartitions, deletedSeries: deleted.length };
}
