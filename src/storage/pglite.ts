// The embedded database (PGlite + PostGIS in DATA_DIR/pg), run in its own worker thread so that SQL never
// blocks the event loop (pgliteWorker.ts). This side turns the Database interface into messages: each
// request carries an id, and a transaction is a `begin` that returns a transaction id, statements tagged
// with it, then `commit` or `rollback`. PGlite serialises everything, as one connection does.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './dataDirLock.js';
import type { Database, Sql } from './db.js';
import { translateError } from './dbErrors.js';

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

/**
 * Starts the worker: its compiled module beside this one, or, when the hub runs from its TypeScript
 * source through tsx, the source with tsx registered inside the worker (on Node 20, loader hooks given
 * to the main thread do not reach worker threads).
 */
function startWorker(dir: string): Worker {
  const module = new URL(`./pgliteWorker${path.extname(import.meta.url)}`, import.meta.url);
  if (module.pathname.endsWith('.js')) return new Worker(module, { workerData: { dir } });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: { dir } });
}

export async function openPglite(dataDir: string): Promise<Database> {
  const lock = lockDataDir(dataDir);
  const dir = path.join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  const worker = startWorker(dir);
  const pending = new Map<number, { resolve(reply: PgliteReply): void; reject(err: Error): void }>();
  let nextId = 1;
  let stopped: Error | undefined;
  const stop = (err: Error) => {
    stopped ??= err;
    for (const p of pending.values()) p.reject(stopped);
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: PgliteReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) waiting?.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiting?.resolve(reply);
  });
  worker.on('error', (err) => stop(stoppedError(err.message)));
  worker.on('exit', (code) => stop(stoppedError(`its thread exited with code ${code}`)));

  const call = (request: Call): Promise<PgliteReply> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  const sqlOf = (tx: number | undefined): Sql => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      try {
        return (await call({ op: 'query', sql, params, tx })).rows as T[];
      } catch (err) {
        throw translateError(err);
      }
    },
    exec: async (sql) => {
      try {
        await call({ op: 'exec', sql, tx });
      } catch (err) {
        throw translateError(err);
      }
    },
  });

  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    lock.release();
    throw err;
  }
  return {
    kind: 'pglite',
    description: `embedded PGlite in ${dir}`,
    dataDirLock: lock,
    ...sqlOf(undefined),
    async transaction(fn) {
      const { tx } = await call({ op: 'begin' }).catch((err: unknown) => {
        throw translateError(err);
      });
      let result;
      try {
        result = await fn(sqlOf(tx));
      } catch (err) {
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw translateError(err);
      }
      await call({ op: 'commit', tx }).catch((err: unknown) => {
        throw translateError(err);
      });
      return result;
    },
    async close() {
      if (!stopped) await call({ op: 'close' }).catch(() => undefined);
      stop(stoppedError('closed'));
      await worker.terminate();
      lock.release();
    },
  };
}
