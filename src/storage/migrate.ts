// Versioned migrations (src/storage/migrations/NNN_name.sql), applied in order inside one transaction
// under an advisory lock, so several processes starting at once apply each migration exactly once.
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './db.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const LOCK_KEY = 7_301_001; // arbitrary, constant: obshub's migration lock

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  const migrations = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.split('_')[0]),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8'),
    }));
  // Two branches that each added migration NNN would otherwise fail at the first start, far from the cause.
  const versions = migrations.map((m) => m.version);
  const twice = versions.find((v, i) => versions.indexOf(v) !== i);
  if (twice !== undefined) {
    const names = migrations.filter((m) => m.version === twice).map((m) => m.name);
    throw new Error(`two migrations share version ${twice}: ${names.join(', ')}; renumber one`);
  }
  return migrations;
}

/** Applies pending migrations; returns the names of those applied by this call. */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migration')).map((r) => r.version),
    );
    const applied: string[] = [];
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
