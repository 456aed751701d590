// The data version: when the stored data last changed. Every write stamps the writer's own row in
// data_version as its last statement, so concurrent writers never contend. Rows of processes that have
// written nothing for a day are pruned by the retention job.
import type { Sql } from './db.js';

export async function stampDataVersion(sql: Sql, writer: string): Promise<void> {
  await sql.query(
    `INSERT INTO data_version (writer, changed_at) VALUES ($1, clock_timestamp())
     ON CONFLICT (writer) DO UPDATE SET changed_at = EXCLUDED.changed_at`,
    [writer],
  );
}

export async function pruneDataVersions(sql: Sql): Promise<void> {
  await sql.query(`DELETE FROM data_version WHERE changed_at < now() - interval '1 day'`);
}
