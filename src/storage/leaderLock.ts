// Leader locks: a task that one process of a deployment runs at a time (the demo feed) is run by the
// process holding a PostgreSQL session-level advisory lock, on a connection of its own. The server
// releases the lock when the holder's session ends (it stopped, died or lost its connection), so another
// process that keeps trying takes over. The embedded database has one process: it always leads.
import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from './db.js';

const LOCK_KEYS = { 'demo feed': 7_301_100 } as const;
export type LeaderLockName = keyof typeof LOCK_KEYS;

export interface LeaderLock {
  /**
   * True while this process holds the lock: takes it when it is free, and checks that the session
   * holding it is alive (false once that session was lost: the lock is free for others again).
   */
  hold(): Promise<boolean>;
  /** Gives the lock up and closes its connection. */
  release(): Promise<void>;
}

/** The lock `name` on the PostgreSQL server of `databaseUrl`; on the embedded database (none), always held. */
export function openLeaderLock(databaseUrl: string | undefined, name: LeaderLockName): LeaderLock {
  if (!databaseUrl) return { hold: () => Promise.resolve(true), release: () => Promise.resolve() };
  let session: { client: pg.Client; held: boolean } | undefined;
  const close = async () => {
    const ended = session;
    session = undefined;
    await ended?.client.end().catch(() => undefined);
  };
  return {
    async hold() {
      try {
        if (!session) {
          const client = new pg.Client({
            connectionString: databaseUrl,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
            query_timeout: CONNECT_TIMEOUT_MS,
            keepAlive: true,
            // Who holds which lock, in pg_stat_activity.
            application_name: `obshub ${name} lock`,
          });
          // A lost connection is noticed by the next hold(): the error must not end the process.
          client.on('error', () => undefined);
          session = { client, held: false };
          await client.connect();
        }
        if (session.held) await session.client.query('SELECT 1');
        else {
          const { rows } = await session.client.query<{ held: boolean }>(
            'SELECT pg_try_advisory_lock($1) AS held',
            [LOCK_KEYS[name]],
          );
          session.held = rows[0]?.held === true;
        }
        return session.held;
      } catch {
        await close();
        return false;
      }
    },
    release: close,
  };
}
