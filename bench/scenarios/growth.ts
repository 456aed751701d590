// Growth: does the station-series query slow down as the store grows? The hub is started on a database
// holding N observations (24 h of 10-minute data of N / 5 760 stations × 40 parameters) and measured with
// the station-series load. Loading millions of rows through the API would take most of an hour, so the
// rows are written with a raw COPY (series, positions and partitions through the product first); what is
// measured is the hub's query path alone.
import { copyDatabase } from '../baselines/copy.js';
import type { DatasetOptions, Station } from '../dataset.js';
import { stations } from '../dataset.js';
import { startHubProcess } from '../hubProcess.js';
import { type LoadResult, measureLoad } from './load.js';

const OBSERVATIONS_PER_STATION = 24 * 6 * 40;

export interface GrowthPoint extends LoadResult {
  observations: number;
}

/** The station-series requests of the first (up to) 50 stations. */
export function stationSeriesPaths(all: readonly Station[], parameter: string): string[] {
  return all
    .slice(0, 50)
    .map((s) => `/collections/observations/locations/${s.id}?parameter-name=${parameter}`);
}

export async function measureGrowthPoint(
  size: number,
  options: { endMs: number; retention: string; retentionSeconds: number; parameter: string; seconds: number },
): Promise<GrowthPoint> {
  const dataset: DatasetOptions = {
    stations: Math.max(1, Math.round(size / OBSERVATIONS_PER_STATION)),
    hours: 24,
    endMs: options.endMs,
    cadence: 10,
  };
  console.error(`# growth: loading ${dataset.stations * OBSERVATIONS_PER_STATION} observations with COPY`);
  const db = await copyDatabase(dataset, { retentionSeconds: options.retentionSeconds, timed: false });
  try {
    const hub = await startHubProcess({
      DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      RETENTION: options.retention,
      FUTURE_TOLERANCE: 'PT1H',
    });
    try {
      const load = await measureLoad(hub.url, stationSeriesPaths(stations(dataset), options.parameter), {
        seconds: options.seconds,
      });
      return { ...load, observations: dataset.stations * OBSERVATIONS_PER_STATION };
    } finally {
      await hub.stop();
    }
  } finally {
    await db.drop();
  }
}
