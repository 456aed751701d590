// The database connection: embedded PGlite (with PostGIS) or a PostgreSQL server through `pg`.
// Both run the same SQL; everything above this file sees only the Database interface.
import pg from 'pg';
import type { DataDirLock } from './dataDirLock.js';
import { isConnectionLoss, translateError } from './dbErrors.js';
import { openPglite } from './pglite.js';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for the start-up log line (no credentials). */
  readonly description: string;
  /** The embedded database's hold on DATA_DIR (none on a PostgreSQL server, which many processes share). */
  readonly dataDirLock?: DataDirLock;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (other processes write too): calls `onNotify` for each NOTIFY on `channel`, over a
   * dedicated connection that reconnects by itself. Returns a function that stops listening.
   */
  listen?(channel: string, onNotify: () => void): () => Promise<void>;
  close(): Promise<void>;
}

function openPostgres(url: string): Database {
  // bigint (count(*), sums) as a JavaScript number, as PGlite returns it.
  const types = new pg.TypeOverrides();
  types.setTypeParser(20, Number);
  const pool = new pg.Pool({ connectionString: url, max: 20, types });
  // A client that loses its server must not crash the process, idle or checked out: the pending query
  // rejects (answered 503) and the pool opens a new connection for the next one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const safe = new URL(url);
  safe.password = '';
  safe.username = '';
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${safe.host}${safe.pathname}`,
    query: async <T>(text: string, params?: unknown[]) => {
      try {
        return (await pool.query(text, params)).rows as T[];
      } catch (err) {
        throw translateError(err);
      }
    },
    exec: async (script) => {
      try {
        await pool.query(script);
      } catch (err) {
        throw translateError(err);
      }
    },
    transaction: async (fn) => {
      const client = await pool.connect().catch((err: unknown) => {
        throw translateError(err);
      });
      let failure: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params?: unknown[]) =>
            (await client.query(text, params)).rows as T[],
          exec: async (script: string) => void (await client.query(script)),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        failure = err;
        await client.query('ROLLBACK').catch(() => undefined);
        throw translateError(err);
      } finally {
        // A client whose connection broke is destroyed, not returned to the pool.
        client.release(isConnectionLoss(failure) ? (failure as Error) : undefined);
      }
    },
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify),
    close: () => pool.end(),
  };
}

function listenPostgres(url: string, channel: string, onNotify: () => void): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const start = () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    let lost = false;
    const reconnect = () => {
      if (lost) return;
      lost = true;
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(start, 1000).unref();
    };
    c.on('notification', () => onNotify());
    c.on('error', reconnect);
    c.on('end', reconnect);
    c.connect()
      .then(() => c.query(`LISTEN ${channel}`))
      .then(() => onNotify()) // anything committed while not listening
      .catch(reconnect);
  };
  start();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
