// The data version: when the stored data last changed, per naming authority (`*`: a change for
// everyone, such as a retention run). Every write stamps the writer's own rows in data_version as its
// last statement, so concurrent writers never contend. Rows of processes that have written nothing for a
// day are pruned by the retention job.
import type { Sql } from './db.js';

/** The naming authority of a change that concerns every caller. */
export const EVERYONE = '*';

export async function stampDataVersion(
  sql: Sql,
  writer: string,
  authorities: readonly string[],
): Promise<void> {
  await sql.query(
    `INSERT INTO data_version (writer, authority, changed_at)
     SELECT $1, a, clock_timestamp() FROM unnest($2::text[]) AS a
     ON CONFLICT (writer, authority) DO UPDATE SET changed_at = EXCLUDED.changed_at`,
    [writer, authorities],
  );
}

/** When data visible to a caller who may not see `hiddenAuthorities` last changed. */
export async function findDataVersion(
  sql: Sql,
  hiddenAuthorities: readonly string[],
): Promise<{ updatedMs: number | null }> {
  const [row] = await sql.query<{ updated: Date | null }>(
    'SELECT max(changed_at) AS updated FROM data_version WHERE authority <> ALL($1::text[])',
    [hiddenAuthorities],
  );
  return { updatedMs: row?.updated ? row.updated.getTime() : null };
}

export async function pruneDataVersions(sql: Sql): Promise<void> {
  await sql.query(`DELETE FROM data_version WHERE changed_at < now() - interval '1 day'`);
}
