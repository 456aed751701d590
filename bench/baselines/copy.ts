// Baseline for ingest: the same observation rows written with a raw COPY into the same (partitioned)
// observation table through the database driver, with series and positions already in place. This is
// what the storage engine allows; the ingest figure is reported as a ratio of it.
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { anonymous } from '../../src/core/access.js';
import { IngestService } from '../../src/ingest/index.js';
import { Storage } from '../../src/storage/index.js';
import { testDatabase } from '../../test/support/database.js';
import { type DatasetOptions, esohMessage, PARAMETERS, rows, stations } from '../dataset.js';

const COPY = 'COPY observation (ts_id, obstime, geo_point_id, value, pubtime) FROM';

/** Creates series, positions and partitions through the product, so that COPY writes only observations. */
async function seed(storage: Storage, dataset: DatasetOptions): Promise<void> {
  const ingest = new IngestService(
    storage,
    { retentionSeconds: null, futureToleranceSeconds: 3600 },
    async () => {}, // the baseline's own database: no tenants
  );
  const start = dataset.endMs - dataset.hours * 3_600_000;
  const all = stations(dataset);
  const first = all.flatMap((station) =>
    PARAMETERS.map((parameter) => esohMessage({ station, parameter, timeMs: start, value: 0 })),
  );
  for (let i = 0; i < first.length; i += 5000) await ingest.ingest(anonymous, first.slice(i, i + 5000));
  const hourly = Array.from({ length: dataset.hours + 1 }, (_, h) =>
    esohMessage({ station: all[0]!, parameter: PARAMETERS[0]!, timeMs: start + h * 3_600_000, value: 0 }),
  );
  await ingest.ingest(anonymous, hourly);
}

function csvLines(
  dataset: DatasetOptions,
  ids: { series: Map<string, number>; points: Map<string, number> },
): string[] {
  const pubtime = new Date().toISOString();
  const chunks: string[] = [];
  let chunk = '';
  for (const r of rows(dataset)) {
    const ts = ids.series.get(`${r.station.id} ${r.parameter.parameterName}`);
    const point = ids.points.get(`${r.station.lon} ${r.station.lat}`);
    chunk += `${ts}\t${new Date(r.timeMs).toISOString()}\t${point}\t${r.value}\t${pubtime}\n`;
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(chunk);
  return chunks;
}

interface IdRows {
  series: { id: number; platform: string; parameter_name: string }[];
  points: { id: number; lon: number; lat: number }[];
}
const ID_QUERIES = {
  series: 'SELECT id, platform, parameter_name FROM time_series',
  points: 'SELECT id, lon, lat FROM geo_point',
};
function idMaps(r: IdRows) {
  return {
    series: new Map(r.series.map((s) => [`${s.platform} ${s.parameter_name}`, s.id])),
    points: new Map(r.points.map((p) => [`${p.lon} ${p.lat}`, p.id])),
  };
}

export interface BaselineDatabase {
  /** Observations per second of the raw COPY. */
  copyPerSecond: number;
  /** Where the baseline query server finds the same rows: a PostgreSQL URL or a PGlite data directory. */
  target: string;
  drop(): Promise<void>;
}

/**
 * Loads the data set with a raw COPY (timed) into a fresh database of the same kind as the hub's (the
 * server of DATABASE_URL, or embedded), which the query baselines then use.
 */
export async function prepareBaselineDatabase(dataset: DatasetOptions): Promise<BaselineDatabase> {
  const database = await testDatabase();
  const { databaseUrl, dataDir } = database;
  const drop = () => database.drop();
  try {
    const storage = await Storage.open({ databaseUrl, dataDir, retentionSeconds: null, outbox: false });
    await storage.migrate();
    await seed(storage, dataset);
    await storage.close();

    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const ids = idMaps({
        series: (await client.query(ID_QUERIES.series)).rows,
        points: (await client.query(ID_QUERIES.points)).rows,
      });
      await client.query('TRUNCATE observation');
      const chunks = csvLines(dataset, ids);
      const count = chunks.reduce((n, c) => n + c.split('\n').length - 1, 0);
      const t0 = performance.now();
      await pipeline(Readable.from(chunks), client.query(copyFrom(`${COPY} STDIN`)));
      const seconds = (performance.now() - t0) / 1000;
      await client.query('ANALYZE');
      await client.end();
      return { copyPerSecond: Math.round(count / seconds), target: databaseUrl, drop };
    }
    const pgDir = path.join(dataDir, 'pg');
    const db = await PGlite.create({ dataDir: pgDir, extensions: { postgis } });
    const ids = idMaps({
      series: (await db.query<IdRows['series'][number]>(ID_QUERIES.series)).rows,
      points: (await db.query<IdRows['points'][number]>(ID_QUERIES.points)).rows,
    });
    await db.query('TRUNCATE observation');
    const chunks = csvLines(dataset, ids);
    const count = chunks.reduce((n, c) => n + c.split('\n').length - 1, 0);
    const t0 = performance.now();
    await db.query(`${COPY} '/dev/blob'`, [], { blob: new Blob(chunks) });
    const seconds = (performance.now() - t0) / 1000;
    await db.query('ANALYZE');
    await db.close();
    return { copyPerSecond: Math.round(count / seconds), target: pgDir, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
