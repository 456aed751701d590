// Small key/value decisions kept in the database (table storage_setting), e.g. what was last announced.
import type { Sql } from './db.js';

export async function readSetting(sql: Sql, key: string): Promise<string | undefined> {
  const [row] = await sql.query<{ value: string }>('SELECT value FROM storage_setting WHERE key = $1', [key]);
  return row?.value;
}

export async function writeSetting(sql: Sql, key: string, value: string): Promise<void> {
  await sql.query(
    `INSERT INTO storage_setting (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [key, value],
  );
}
