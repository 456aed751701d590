// Validation workers (INGEST_WORKERS): JSON ingest bodies are unpacked, parsed and validated (jsonBody.ts)
// in worker threads, so that an ingest process's event loop only authorises, writes and answers, and
// validation runs on every core. Each worker takes one body at a time; bodies wait, in order, for the
// first free worker (how many wait is bounded by the requests in flight). A worker that stops fails its
// body with 503 and is replaced.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ObshubError, type ErrorCode, type Problem } from '../core/errors.js';
import { workerEntry } from '../core/workerEntry.js';
import type { JsonBatchTask } from './jsonBody.js';
import type { NormalisedBatch } from './normalise.js';

/** What a worker answers: the batch, or the error it threw (an ObshubError keeps its code and details). */
export type ValidationReply =
  | { batch: NormalisedBatch }
  | {
      error: {
        message: string;
        code?: ErrorCode;
        problems?: Problem[];
        extensions?: Record<string, unknown>;
      };
    };

/** The reply of a worker whose body failed: what the pool needs to throw the same error again. */
export function replyOfError(err: unknown): ValidationReply {
  if (err instanceof ObshubError) {
    return {
      error: {
        message: err.message,
        code: err.code,
        problems: err.problems,
        extensions: err.extensions ? { ...err.extensions } : undefined,
      },
    };
  }
  return { error: { message: err instanceof Error ? err.message : String(err) } };
}

/** The error a worker's reply carries, thrown again on the event loop (an ObshubError as such). */
function errorOfReply({
  message,
  code,
  problems,
  extensions,
}: Extract<ValidationReply, { error: unknown }>['error']): Error {
  return code ? new ObshubError(code, message, { problems, extensions }) : new Error(message);
}

/** The validation worker's module: compiled beside this one, or its source when run through tsx. */
const VALIDATION_WORKER = new URL(`./validationWorker${path.extname(import.meta.url)}`, import.meta.url);

/**
 * A worker's young generation, in MB, below V8's default: what a worker allocates lives for one body, so a
 * smaller nursery cost no measurable speed and kept the process 20–25 MB smaller per worker after 200
 * bodies of 1 000 messages (+85–89 MB resident for one worker, against +109–110 MB by default).
 */
const YOUNG_GENERATION_MB = 16;

interface Job {
  task: JsonBatchTask;
  resolve(batch: NormalisedBatch): void;
  reject(err: Error): void;
}

/** One worker thread and the body it is validating. */
interface Slot {
  worker: Worker;
  job?: Job;
}

export class ValidationPool {
  private readonly idle: Slot[] = [];
  private readonly waiting: Job[] = [];
  private readonly slots = new Set<Slot>();
  private closed = false;

  constructor(
    size: number,
    /** The workers' module (validationWorker's protocol). */
    private readonly module: URL = VALIDATION_WORKER,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  /** The body's batch, validated in the first free worker (throws as normaliseJsonBody does). */
  run(task: JsonBatchTask): Promise<NormalisedBatch> {
    if (this.closed) return Promise.reject(stopping());
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers; bodies still waiting fail with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(stopping());
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(
        ...workerEntry(this.module, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }),
      ),
    };
    this.slots.add(slot);
    // Only a worker at work keeps the process alive (see dispatch), never an idle one.
    slot.worker.unref();
    slot.worker.on('message', (reply: ValidationReply) => {
      const job = slot.job;
      slot.job = undefined;
      slot.worker.unref();
      this.idle.push(slot);
      if ('batch' in reply) job?.resolve(reply.batch);
      else job?.reject(errorOfReply(reply.error));
      this.dispatch();
    });
    slot.worker.on('error', () => undefined); // followed by 'exit'
    slot.worker.once('exit', () => {
      this.slots.delete(slot);
      const at = this.idle.indexOf(slot);
      if (at >= 0) this.idle.splice(at, 1);
      slot.job?.reject(
        new ObshubError(
          'SERVER_BUSY',
          'a validation worker stopped while it checked this batch; send it again',
        ),
      );
      if (this.closed) return;
      this.idle.push(this.spawn());
      this.dispatch();
    });
    return slot;
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const slot = this.idle.pop()!;
      const job = this.waiting.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.task);
    }
  }
}

function stopping(): ObshubError {
  return new ObshubError('NOT_READY', 'the hub is stopping; send the batch again later');
}
