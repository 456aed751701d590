// A fresh database per test file: a new database on the PostgreSQL server named by DATABASE_URL, or an
// embedded PGlite copied from a migrated template (creating PGlite + PostGIS from scratch takes ~10 s).
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { listMigrations, openStorage } from '../../src/storage/index.js';

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL;
export const databaseKind = serverUrl ? 'postgres' : 'pglite';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha1')
    .update(
      // Names too: a renumbered migration must not reuse a template that applied it under its old name.
      listMigrations()
        .map((m) => `${m.name}\n${m.sql}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 12);
  const template = path.join(tmpdir(), `obshub-test-template-${hash}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(path.join(tmpdir(), 'obshub-template-build-'));
  const storage = await openStorage({ databaseUrl: undefined, dataDir: building, retentionSeconds: null });
  try {
    await storage.migrate();
  } finally {
    await storage.close(); // an open embedded database's worker would keep the test process alive
  }
  try {
    renameSync(building, template); // atomic: a parallel test file may have won the race
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

export async function testDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'obshub-test-'));
  if (serverUrl) {
    const name = `obshub_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      databaseUrl: url.toString(),
      dataDir,
      drop: async () => {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  cpSync(path.join(await pgliteTemplate(), 'pg'), path.join(dataDir, 'pg'), { recursive: true });
  return {
    databaseUrl: undefined,
    dataDir,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
