// Errors of the query API. E-SOH-compatible routes answer E-SOH's `{"detail": …}` bodies; the routes
// beyond E-SOH answer problem+json through the hub's error handler. A route says which with
// `config.errorStyle`; services throw QueryError and never know the style.
import { ObshubError, type ErrorCode } from '../core/errors.js';

export class QueryError extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    /** E-SOH's detail: a string or an object keyed by parameter. */
    readonly detail: string | Record<string, string>,
  ) {
    super(typeof detail === 'string' ? detail : Object.values(detail).join('; '));
    this.name = 'QueryError';
  }

  toProblem(): ObshubError {
    const code: ErrorCode =
      this.status === 404 ? 'NO_DATA' : this.status === 413 ? 'QUERY_TOO_LARGE' : 'QUERY_INVALID';
    return new ObshubError(code, this.message);
  }
}

export type ErrorStyle = 'esoh' | 'problem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How errors of this route are rendered: E-SOH's {"detail": …} or problem+json. */
    errorStyle?: ErrorStyle;
    /** Cache-Control max-age of a 200 answer, in seconds. */
    cacheSeconds?: number;
  }
}
