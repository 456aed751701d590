// The database connection: embedded PGlite (with PostGIS) or a PostgreSQL server through `pg`.
// Both run the same SQL; everything above this file sees only the Database interface.
import pg from 'pg';
import type { DataDirLock } from './dataDirLock.js';
import { isConnectionLoss, limitReached, translateError } from './dbErrors.js';
import { openPglite } from './pglite.js';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A caller's budget for its statements: each is cancelled after `timeoutMs`, or when `signal` aborts. */
export interface QueryLimits {
  timeoutMs: number;
  /** Added to the QUERY_TIMEOUT detail: how the caller can make the query cheaper. */
  timeoutHint?: string;
  signal?: AbortSignal;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * Longest time a statement may run, or wait for its answer (a stalled connection), outside the tighter
   * limits of `limited`; PostgreSQL only (PGlite has no timers).
   */
  statementTimeoutMs: number;
  /** Connections to PostgreSQL. */
  poolSize: number;
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
   * Statements under `limits` (reads of one request): one that runs too long fails with QUERY_TIMEOUT,
   * one whose caller went away with QUERY_CANCELLED, and neither keeps the database busy.
   */
  limited(limits: QueryLimits): Sql;
  /** Connections and waiting statements, for metrics (the embedded database: one connection). */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** A pooled client with the backend process id the server gave it (typed in pg, missing in @types/pg). */
type BackendClient = pg.PoolClient & { processID: number };

/** How long to wait for a connection (a server that does not answer fails fast, answered 503). */
export const CONNECT_TIMEOUT_MS = 10_000;

function openPostgres(options: DatabaseOptions & { databaseUrl: string }): Database {
  const url = options.databaseUrl;
  // bigint (count(*), sums) as a JavaScript number, as PGlite returns it.
  const types = new pg.TypeOverrides();
  types.setTypeParser(20, Number);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    types,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // The server stops what runs too long; the client gives up on a connection that stopped answering.
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 5_000,
  });
  // Cancels go through their own connection, so that a full pool cannot hold them up.
  const cancels = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A client that loses its server must not crash the process, idle or checked out: the pending query
  // rejects (answered 503) and the pool opens a new connection for the next one.
  for (const p of [pool, cancels]) {
    p.on('error', () => undefined);
    p.on('connect', (client) => client.on('error', () => undefined));
  }
  const connect = () =>
    pool.connect().catch((err: unknown) => {
      throw translateError(err);
    });
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
      const client = await connect();
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
    limited: (limits) => {
      const run = async <T>(text: string, params?: unknown[]): Promise<T[]> => {
        if (limits.signal?.aborted) throw limitReached('aborted', limits);
        const client = await connect();
        let reached: 'timeout' | 'aborted' | undefined;
        const cancel = (why: 'timeout' | 'aborted') => {
          reached ??= why;
          cancels
            .query('SELECT pg_cancel_backend($1)', [(client as BackendClient).processID])
            .catch(() => undefined);
        };
        const timer = setTimeout(() => cancel('timeout'), limits.timeoutMs);
        const onAbort = () => cancel('aborted');
        limits.signal?.addEventListener('abort', onAbort, { once: true });
        let failure: unknown;
        try {
          return (await client.query(text, params)).rows as T[];
        } catch (err) {
          failure = err;
          if (reached && (err as { code?: string }).code === '57014') throw limitReached(reached, limits);
          throw translateError(err);
        } finally {
          clearTimeout(timer);
          limits.signal?.removeEventListener('abort', onAbort);
          // After a cancel was sent the connection is not reused: a late cancel must not hit its next query.
          client.release(reached || isConnectionLoss(failure) ? true : undefined);
        }
      };
      return {
        query: run,
        exec: async (script) => void (await run(script)),
      };
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await Promise.all([pool.end(), cancels.end()]);
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres({ ...options, databaseUrl: options.databaseUrl })
    : openPglite(options.dataDir);
}
