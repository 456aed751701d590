// What a query may cost. Before it runs, the query syntax bounds what a request can ask for (list items,
// expanded levels, polygon vertices: core/querySyntax.ts, core/wkt.ts) and the service refuses answers of
// more than EDR_MAX_VALUES values (413). While it runs, each statement has a time limit (longer for
// callers with credentials) and is cancelled when the client goes away; and large queries take turns
// through a gate, so that small ones are never starved by them.
import type { FastifyReply } from 'fastify';
import { ObshubError } from '../core/errors.js';

export interface QueryBudget {
  timeoutSeconds: number;
  timeoutAnonymousSeconds: number;
  /** Large queries running at once. */
  concurrency: number;
}

/** Aborts when the client goes away before its answer was sent. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Large queries take turns: at most `concurrency` at once, and a bounded queue behind them. */
export class HeavyQueryGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  /** Waits for a turn; resolves to the function that ends it. Throws SERVER_BUSY when the queue is full. */
  async enter(): Promise<() => void> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.concurrency * 4) {
        throw new ObshubError(
          'SERVER_BUSY',
          'the hub is answering other large queries; retry in a few seconds, or narrow the query',
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
