// The embedded database (PGlite + PostGIS in DATA_DIR/pg), run in its own worker thread so that SQL never
// blocks the event loop (pgliteWorker.ts). This side turns the Database interface into messages: each
// request carries an id, and a transaction is a `begin` that returns a transaction id, statements tagged
// with it, then `commit` or `rollback`. PGlite serialises everything, as one connection does.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../core/workerEntry.js';
import { lockDataDir } from './dataDirLock.js';
import type { Database, QueryLimits, Sql } from './db.js';
import { limitReached, translateError } from './dbErrors.js';

/** A statement or transaction step for the worker; `tx` runs it inside that open transaction. */
type Call = { tx?: number } & (
  | { op: 'query'; sql: string; params?: unknown[] }
  | { op: 'exec'; sql: string }
  | { op: 'begin' | 'commit' | 'rollback' | 'close' }
);

export type PgliteRequest = Call & { id: number };

export interface PgliteReply {
  id: number;
  rows?: unknown[];
  tx?: number;
  error?: { message: string; code?: string; file?: string; detail?: string };
}

/** A stopped worker fails every request as a lost connection would (answered 503, never a hang). */
function stoppedError(reason: string): Error {
  return Object.assign(new Error(`the embedded database stopped: ${reason}`), { code: '57P01' });
}

/** The worker's module: compiled beside this one, or its source when run through tsx. */
const PGLITE_WORKER = new URL(`./pgliteWorker${path.extname(import.meta.url)}`, import.meta.url);

/**
 * One worker thread hosting PGlite, and the requests waiting for its answers. When it stops (a crash, or
 * a restart to end a runaway statement), every waiting request fails as a lost connection does.
 */
class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve(reply: PgliteReply): void; reject(err: Error): void }
  >();
  private nextId = 1;
  private stopped: Error | undefined;
  readonly ready: Promise<void>;

  constructor(dir: string) {
    this.worker = new Worker(...workerEntry(PGLITE_WORKER, { workerData: { dir } }));
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    this.worker.on('message', (reply: PgliteReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiting?.reject(Object.assign(new Error(reply.error.message), reply.error));
      else waiting?.resolve(reply);
    });
    this.worker.on('error', (err) => this.fail(stoppedError(err.message)));
    this.worker.on('exit', (code) => this.fail(stoppedError(`its thread exited with code ${code}`)));
  }

  private fail(err: Error): void {
    this.stopped ??= err;
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  call(request: Call): Promise<PgliteReply> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  async stop(reason: string, gracefully: boolean): Promise<void> {
    if (gracefully && !this.stopped) await this.call({ op: 'close' }).catch(() => undefined);
    this.fail(stoppedError(reason));
    await this.worker.terminate();
  }
}

export async function openPglite(dataDir: string): Promise<Database> {
  const lock = lockDataDir(dataDir);
  const dir = path.join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  let thread = new PgliteThread(dir);
  try {
    await thread.ready;
  } catch (err) {
    await thread.stop('it did not start', false);
    lock.release();
    throw err;
  }
  let closed = false;
  // Requests wait while a restarted thread opens the database again.
  let current: Promise<PgliteThread> = Promise.resolve(thread);
  const call = async (request: Call) => (await current).call(request);
  /**
   * PGlite has no timers, so statement_timeout does nothing: a runaway statement is ended by stopping its
   * thread and opening the database again (PostgreSQL recovers from its WAL, as after a crash). Whatever
   * else was under way fails as on a lost connection (an ingest answers 503 and stored nothing).
   */
  const restart = (reason: string) => {
    const old = thread;
    current = (async () => {
      await old.stop(reason, false);
      thread = new PgliteThread(dir);
      await thread.ready;
      return thread;
    })();
    current.catch(() => undefined);
  };
  const sqlOf = (tx: number | undefined, limits?: QueryLimits, on?: PgliteThread): Sql => {
    const run = async (request: Call) => {
      if (on) return on.call(request);
      if (!limits) return call(request);
      if (limits.signal?.aborted) throw limitReached('aborted', limits);
      const running = thread;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          if (!closed && thread === running) restart('a statement ran longer than its limit');
          reject(limitReached('timeout', limits));
        }, limits.timeoutMs);
      });
      try {
        return await Promise.race([call(request), timeout]);
      } finally {
        clearTimeout(timer);
      }
    };
    return {
      query: async <T>(sql: string, params?: unknown[]) => {
        try {
          return (await run({ op: 'query', sql, params, tx })).rows as T[];
        } catch (err) {
          throw translateError(err);
        }
      },
      exec: async (sql) => {
        try {
          await run({ op: 'exec', sql, tx });
        } catch (err) {
          throw translateError(err);
        }
      },
    };
  };

  return {
    kind: 'pglite',
    description: `embedded PGlite in ${dir}`,
    dataDirLock: lock,
    ...sqlOf(undefined),
    limited: (limits) => sqlOf(undefined, limits),
    async transaction(fn) {
      // A transaction stays on the thread it began on: if that thread is restarted meanwhile, its
      // statements fail as on a lost connection (nothing of it was committed).
      const on = await current;
      const { tx } = await on.call({ op: 'begin' }).catch((err: unknown) => {
        throw translateError(err);
      });
      let result;
      try {
        result = await fn(sqlOf(tx, undefined, on));
      } catch (err) {
        await on.call({ op: 'rollback', tx }).catch(() => undefined);
        throw translateError(err);
      }
      await on.call({ op: 'commit', tx }).catch((err: unknown) => {
        throw translateError(err);
      });
      return result;
    },
    poolStats: () => ({
      total: 1,
      idle: thread.inFlight === 0 ? 1 : 0,
      waiting: Math.max(0, thread.inFlight - 1),
    }),
    async close() {
      closed = true;
      await (await current.catch(() => thread)).stop('closed', true);
      lock.release();
    },
  };
}
