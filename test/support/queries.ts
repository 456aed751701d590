// Queries only the tests ask (what is stored, exactly as stored): kept out of the product's repositories.
import type { Storage } from '../../src/storage/index.js';
import { Partitions, type PartitionInfo } from '../../src/storage/partitions.js';

export interface StoredCounts {
  observations: number;
  series: number;
  stations: number;
}

/** Stored counts; with `sinceMs`, only what lies inside the window starting there. */
export async function storedCounts(storage: Storage, sinceMs: number | null = null): Promise<StoredCounts> {
  const since = sinceMs === null ? null : new Date(sinceMs).toISOString();
  const [obs] = await storage.db.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM observation WHERE $1::timestamptz IS NULL OR obstime >= $1`,
    [since],
  );
  const [series] = await storage.db.query<{ n: number; stations: number }>(
    `SELECT count(*)::integer AS n, count(DISTINCT platform)::integer AS stations FROM time_series
     WHERE $1::timestamptz IS NULL OR last_obstime >= $1`,
    [since],
  );
  return { observations: obs?.n ?? 0, series: series?.n ?? 0, stations: series?.stations ?? 0 };
}

export interface StoredValue {
  obstimeMs: number;
  value: number | null;
  valueText: string | null;
  unit: string;
  lon: number;
  lat: number;
}

/** The stored values of one station's parameter (by E-SOH parameter_name), oldest first. */
export async function storedValues(
  storage: Storage,
  platform: string,
  parameterName: string,
): Promise<StoredValue[]> {
  const rows = await storage.db.query<{
    obstime: Date;
    value: number | null;
    value_text: string | null;
    unit: string;
    lon: number;
    lat: number;
  }>(
    `SELECT o.obstime, o.value, o.value_text, t.unit, g.lon, g.lat
     FROM time_series t JOIN observation o ON o.ts_id = t.id JOIN geo_point g ON g.id = o.geo_point_id
     WHERE t.platform = $1 AND t.parameter_name = $2 ORDER BY o.obstime`,
    [platform, parameterName],
  );
  return rows.map((r) => ({
    obstimeMs: r.obstime.getTime(),
    value: r.value,
    valueText: r.value_text,
    unit: r.unit,
    lon: r.lon,
    lat: r.lat,
  }));
}

/** The observation table's time partitions. */
export function storedPartitions(storage: Storage): Promise<PartitionInfo[]> {
  return new Partitions(storage.db, null).list();
}
