// EDR data queries: route hooks that time each query and tell its outcome (answered, cancelled by the
// client, over its time budget, refused for lack of capacity, too large, failed) and its size.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { emit, type ObservabilityEvents } from './events.js';

type Outcome = ObservabilityEvents['query.finished']['outcome'];

const outcomeOf: Record<string, Outcome> = {
  QUERY_CANCELLED: 'cancelled',
  QUERY_TIMEOUT: 'timeout',
  SERVER_BUSY: 'refused',
  QUERY_TOO_LARGE: 'too_large',
};

const failures = new WeakMap<FastifyRequest, string>();

/** Route options (`...queryHooks(name)`) that report every data query of the query type `queryType`. */
export function queryHooks(queryType: string) {
  return {
    onError: async (request: FastifyRequest, _reply: FastifyReply, error: Error & { code?: string }) => {
      failures.set(request, error.code ?? 'error');
    },
    onResponse: async (request: FastifyRequest, reply: FastifyReply) => {
      const failure = failures.get(request);
      const status = reply.statusCode;
      const outcome: Outcome = failure
        ? (outcomeOf[failure] ?? (status === 499 ? 'cancelled' : 'error'))
        : status < 400
          ? 'ok'
          : 'error';
      const length = Number(reply.getHeader('content-length'));
      emit('query.finished', {
        queryType,
        outcome,
        seconds: reply.elapsedTime / 1000,
        ...(Number.isFinite(length) && length > 0 ? { bytes: length } : {}),
      });
    },
  };
}
