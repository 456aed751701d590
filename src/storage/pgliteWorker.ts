// The embedded database's own thread. PGlite runs PostgreSQL as WebAssembly, synchronously inside each
// call: on the main thread, every statement would stop the event loop (a demo backfill or a retention
// run made the hub deaf for half a minute). Here it runs in a worker, and the main thread sends it
// statements as messages (see pglite.ts for the protocol and the other side).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { embeddedPostgis } from './embeddedPostgis.js';
import type { PgliteReply, PgliteRequest } from './pglite.js';

const port = parentPort;
if (!port) throw new Error('pgliteWorker.ts runs as a worker thread only');

const { dir } = workerData as { dir: string };

/** What the main thread needs of a database error to translate it (code, file, message). */
function plainError(err: unknown): PgliteReply['error'] {
  const e = err as { message?: string; code?: string; file?: string; detail?: string } | undefined;
  return { message: e?.message ?? String(err), code: e?.code, file: e?.file, detail: e?.detail };
}

const db = await PGlite.create({ dataDir: dir, extensions: { postgis: embeddedPostgis } });

interface OpenTransaction {
  tx: Transaction;
  /** Lets PGlite's transaction callback return: COMMIT (true) or ROLLBACK. */
  end(commit: boolean): void;
  /** Settles once COMMIT or ROLLBACK ran; rejects when the commit failed. */
  done: Promise<void>;
}
const transactions = new Map<number, OpenTransaction>();
let nextTransaction = 1;

class Rollback extends Error {}

function beginTransaction(): Promise<number> {
  const id = nextTransaction++;
  return new Promise((opened, failed) => {
    const open = {} as OpenTransaction;
    // PGlite serialises transactions and single statements: other requests wait until this one ends.
    open.done = db
      .transaction(async (tx) => {
        open.tx = tx;
        const commit = await new Promise<boolean>((end) => {
          open.end = end;
          transactions.set(id, open);
          opened(id);
        });
        if (!commit) throw new Rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err;
      })
      .finally(() => transactions.delete(id));
    open.done.catch(failed); // BEGIN failed (once opened, the commit request reports failures)
  });
}

async function handle(request: PgliteRequest): Promise<Omit<PgliteReply, 'id'>> {
  const open = request.tx === undefined ? undefined : transactions.get(request.tx);
  if (request.tx !== undefined && !open) throw new Error(`transaction ${request.tx} is not open`);
  const conn = open?.tx ?? db;
  switch (request.op) {
    case 'query':
      return { rows: (await conn.query(request.sql, request.params)).rows };
    case 'exec':
      await conn.exec(request.sql);
      return {};
    case 'begin':
      return { tx: await beginTransaction() };
    case 'commit':
    case 'rollback':
      if (!open) throw new Error(`${request.op} needs a transaction`);
      open.end(request.op === 'commit');
      await open.done;
      return {};
    case 'close':
      await db.close();
      return {};
  }
}

port.on('message', (request: PgliteRequest) => {
  handle(request).then(
    (result) => port.postMessage({ id: request.id, ...result } satisfies PgliteReply),
    (err: unknown) => port.postMessage({ id: request.id, error: plainError(err) } satisfies PgliteReply),
  );
});
port.postMessage({ id: 0 } satisfies PgliteReply);
