// Small key/value decisions kept in the database (table storage_setting), e.g. what was last announced.
import type { Sql } from './db.js';

export interface SettingsRepository {
  read(key: string): Promise<string | undefined>;
  write(key: string, value: string): Promise<void>;
}

export class SqlSettingsRepository implements SettingsRepository {
  constructor(private readonly sql: Sql) {}

  async read(key: string): Promise<string | undefined> {
    const [row] = await this.sql.query<{ value: string }>(
      'SELECT value FROM storage_setting WHERE key = $1',
      [key],
    );
    return row?.value;
  }

  async write(key: string, value: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO storage_setting (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
  }
}
