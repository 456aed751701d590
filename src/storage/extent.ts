// The extent of the stored data, from the series summaries (never a scan of the observation table).
import type { Sql } from './db.js';

export interface DataExtent {
  /** [west, south, east, north] of the stations' latest positions, exact as ingested; null when empty. */
  bbox: [number, number, number, number] | null;
  /** First and last observation time (epoch ms) inside the window; null when empty. */
  interval: [number, number] | null;
}

/** The extent of the series inside the window, leaving out those of `hiddenAuthorities`. */
export async function findExtent(
  sql: Sql,
  sinceMs: number | null,
  hiddenAuthorities: readonly string[] = [],
): Promise<DataExtent> {
  const [row] = await sql.query<{
    west: number | null;
    south: number | null;
    east: number | null;
    north: number | null;
    first: Date | null;
    last: Date | null;
  }>(
    `SELECT min(g.lon) AS west, min(g.lat) AS south, max(g.lon) AS east, max(g.lat) AS north,
            greatest(min(t.first_obstime), $1::timestamptz) AS first, max(t.last_obstime) AS last
     FROM time_series t JOIN geo_point g ON g.id = t.geo_point_id
     WHERE ($1::timestamptz IS NULL OR t.last_obstime >= $1) AND t.naming_authority <> ALL($2::text[])`,
    [sinceMs === null ? null : new Date(sinceMs).toISOString(), hiddenAuthorities],
  );
  if (!row || row.west === null || row.first === null || row.last === null)
    return { bbox: null, interval: null };
  return {
    bbox: [row.west, row.south ?? 0, row.east ?? 0, row.north ?? 0],
    interval: [row.first.getTime(), row.last.getTime()],
  };
}
