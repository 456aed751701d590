// A fresh database for one benchmark role: a new database on the server of DATABASE_URL, or a new
// directory for an embedded PGlite. Both are removed by drop().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  /** URL of the new database on the server; undefined for the embedded database. */
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

export async function freshDatabase(serverUrl: string | undefined, role: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `obshub-bench-${role}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (!serverUrl) return { databaseUrl: undefined, dataDir, drop: async () => removeDir() };
  const name = `obshub_bench_${role}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      removeDir();
    },
  };
}
