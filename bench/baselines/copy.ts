// Loading observation rows with a raw COPY, through the database driver, into a fresh database of the
// same kind as the hub's (the server of DATABASE_URL, or embedded), with series, positions and partitions
// created through the product first so that COPY writes only observations. Two uses:
// - the ingest baseline (timed): what the storage engine allows, the ingest figure is a ratio of it; the
//   query baselines then read the same rows;
// - the growth scenario (untimed): millions of stored observations for the hub to query, streamed in
//   chunks because they would not fit in memory as one string.
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../../src/config/index.js';
import { anonymous } from '../../src/core/access.js';
import { IngestService } from '../../src/ingest/index.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { type TestDatabase, testDatabase } from '../../test/support/database.js';
import { type DatasetOptions, esohMessage, PARAMETERS, rows, stations } from '../dataset.js';

const COPY = 'COPY observation (ts_id, obstime, geo_point_id, value, pubtime) FROM';
/** PGlite takes a COPY as one blob: the rows are sent in blobs of about this many bytes. */
const PGLITE_BLOB_BYTES = 64 << 20;

/** Creates series, positions and partitions through the product, so that COPY writes only observations. */
async function seed(storage: Storage, dataset: DatasetOptions): Promise<void> {
  const ingest = new IngestService(
    storage.observations,
    { ...loadConfig({}), retentionSeconds: null, futureToleranceSeconds: 3600 },
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

/** The data set as COPY text, in chunks of about 1 MB; `counter.rows` counts the rows produced. */
function* csvChunks(
  dataset: DatasetOptions,
  ids: { series: Map<string, number>; points: Map<string, number> },
  counter: { rows: number },
): Generator<string> {
  const pubtime = new Date().toISOString();
  let chunk = '';
  for (const r of rows(dataset)) {
    const ts = ids.series.get(`${r.station.id} ${r.parameter.parameterName}`);
    const point = ids.points.get(`${r.station.lon} ${r.station.lat}`);
    chunk += `${ts}\t${new Date(r.timeMs).toISOString()}\t${point}\t${r.value}\t${pubtime}\n`;
    counter.rows++;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
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

/** The driver-level operations a load needs, on either kind of database. */
interface CopyConnection {
  query<T>(text: string): Promise<T[]>;
  copy(chunks: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

async function connect(database: TestDatabase): Promise<CopyConnection> {
  if (database.databaseUrl) {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    return {
      query: async <T>(text: string) => (await client.query(text)).rows as T[],
      copy: (chunks) => pipeline(Readable.from(chunks), client.query(copyFrom(`${COPY} STDIN`))),
      close: () => client.end(),
    };
  }
  const db = await PGlite.create({ dataDir: path.join(database.dataDir, 'pg'), extensions: { postgis } });
  const copyBlob = (parts: string[]) => db.query(`${COPY} '/dev/blob'`, [], { blob: new Blob(parts) });
  return {
    query: async <T>(text: string) => (await db.query<T>(text)).rows,
    copy: async (chunks) => {
      let parts: string[] = [];
      let bytes = 0;
      for (const chunk of chunks) {
        parts.push(chunk);
        bytes += chunk.length;
        if (bytes < PGLITE_BLOB_BYTES) continue;
        await copyBlob(parts);
        parts = [];
        bytes = 0;
      }
      if (parts.length > 0) await copyBlob(parts);
    },
    close: () => db.close(),
  };
}

export interface CopiedDatabase extends TestDatabase {
  /** Observations per second of the COPY (the rows were built before the clock started). */
  copyPerSecond: number;
}

/**
 * A fresh database holding `dataset`. With `timed`, the rows are built in memory first and the COPY
 * alone is timed; otherwise they are streamed (for data sets larger than memory) and not timed.
 * `retentionSeconds` decides the partition width, as it does for the hub.
 */
export async function copyDatabase(
  dataset: DatasetOptions,
  options: { retentionSeconds: number | null; timed: boolean },
): Promise<CopiedDatabase> {
  const database = await testDatabase();
  try {
    const { databaseUrl, dataDir } = database;
    const storage = await openStorage({
      databaseUrl,
      dataDir,
      retentionSeconds: options.retentionSeconds,
      outbox: false,
    });
    await storage.migrate();
    await seed(storage, dataset);
    await storage.close();

    const connection = await connect(database);
    const ids = idMaps({
      series: await connection.query<IdRows['series'][number]>(ID_QUERIES.series),
      points: await connection.query<IdRows['points'][number]>(ID_QUERIES.points),
    });
    await connection.query('TRUNCATE observation');
    const counter = { rows: 0 };
    const chunks = csvChunks(dataset, ids, counter);
    const source = options.timed ? [...chunks] : chunks;
    const t0 = performance.now();
    await connection.copy(source);
    const seconds = (performance.now() - t0) / 1000;
    await connection.query('ANALYZE');
    await connection.close();
    return { ...database, copyPerSecond: Math.round(counter.rows / seconds) };
  } catch (err) {
    await database.drop();
    throw err;
  }
}

export interface BaselineDatabase {
  /** Observations per second of the raw COPY. */
  copyPerSecond: number;
  /** Where the baseline query server finds the same rows: a PostgreSQL URL or a PGlite data directory. */
  target: string;
  drop(): Promise<void>;
}

/**
 * The ingest baseline: the data set loaded with a timed raw COPY, for the query baselines to read. With
 * the hub's retention, the table has the same partitions as the hub's.
 */
export async function prepareBaselineDatabase(
  dataset: DatasetOptions,
  retentionSeconds: number,
): Promise<BaselineDatabase> {
  const db = await copyDatabase(dataset, { retentionSeconds, timed: true });
  return {
    copyPerSecond: db.copyPerSecond,
    target: db.databaseUrl ?? path.join(db.dataDir, 'pg'),
    drop: () => db.drop(),
  };
}
