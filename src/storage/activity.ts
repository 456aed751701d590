// Ingest activity for the operations page: observations stored per naming authority and time bucket
// since an instant, by the time they were received (pubtime).
import type { Sql } from './db.js';

export interface IngestBucket {
  authority: string;
  /** Start of the bucket, epoch ms. */
  bucketMs: number;
  observations: number;
}

export async function findIngestActivity(
  sql: Sql,
  sinceMs: number,
  bucketSeconds: number,
): Promise<IngestBucket[]> {
  const rows = await sql.query<{ authority: string; bucket: number; observations: number }>(
    `SELECT t.naming_authority AS authority,
            (floor(extract(epoch FROM o.pubtime) / $2) * $2)::float8 AS bucket,
            count(*)::int AS observations
     FROM observation o JOIN time_series t ON t.id = o.ts_id
     WHERE o.pubtime >= to_timestamp($1 / 1000.0)
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [sinceMs, bucketSeconds],
  );
  return rows.map((r) => ({
    authority: r.authority,
    bucketMs: r.bucket * 1000,
    observations: r.observations,
  }));
}
