// Errors the database raises because of the caller's input or a lost connection, as domain errors.
import { ObshubError } from '../core/errors.js';

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  return (
    (e.code !== undefined &&
      (CONNECTION_ERRORS.has(e.code) || e.code.startsWith('08') || e.code.startsWith('57P'))) ||
    /Connection terminated|connection timeout|Query read timeout|Client has encountered a connection error/i.test(
      e.message ?? '',
    )
  );
}

/**
 * A geometry that PostGIS refuses on the sphere (e.g. a polygon edge between antipodal points) comes from
 * the caller's input: it becomes a 400 naming the reason, never a 500.
 */
function geometryRejected(err: unknown): unknown {
  const e = err as { code?: string; file?: string; message?: string } | undefined;
  if (e?.code !== 'XX000' || !/^(lwgeom|gserialized|geography|liblwgeom)/.test(e.file ?? '')) return err;
  return new ObshubError(
    'GEOMETRY_INVALID',
    `PostGIS cannot use this geometry on the sphere: ${e.message ?? ''}`,
    {
      cause: err,
    },
  );
}

/** Losing the server is not a bug of the request: it becomes a 503 that tells the client to retry. */
function unavailable(err: unknown): unknown {
  if (!isConnectionLoss(err)) return err;
  const detail = 'the database cannot be reached; nothing was stored, retry later';
  return new ObshubError('DATABASE_UNAVAILABLE', detail, { cause: err });
}

/** Errors the database raises because of the caller's input or the connection, as domain errors. */
export function translateError(err: unknown): unknown {
  return geometryRejected(unavailable(err));
}

/**
 * A statement stopped by its caller's limits: it ran too long, or its signal aborted (the caller went
 * away; or the abort's reason, an ObshubError, says why, such as the hub stopping).
 */
export function limitReached(
  why: 'timeout' | 'aborted',
  limits: { timeoutMs: number; timeoutHint?: string; signal?: AbortSignal },
): ObshubError {
  if (why === 'timeout') {
    const hint = limits.timeoutHint ? `; ${limits.timeoutHint}` : '';
    return new ObshubError(
      'QUERY_TIMEOUT',
      `the query ran longer than its limit of ${limits.timeoutMs / 1000} s${hint}`,
    );
  }
  const reason: unknown = limits.signal?.reason;
  return reason instanceof ObshubError
    ? reason
    : new ObshubError('QUERY_CANCELLED', 'the caller went away; the query was cancelled');
}
