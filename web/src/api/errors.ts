// Errors a person understands: every failed call becomes an ApiError whose message comes from the strings
// (never raw JSON); 401 says to sign in again, 429 how long to wait.
import { t } from '../strings';

export type ErrorKind =
  'network' | 'unauthorised' | 'forbidden' | 'not-found' | 'rate-limited' | 'invalid' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The human detail of a problem+json or E-SOH body, when the hub wrote one for people. */
function detailOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { detail, errors } = body as { detail?: unknown; errors?: { message?: string }[] };
  const parts: string[] = [];
  if (typeof detail === 'string') parts.push(detail);
  for (const e of errors ?? []) if (e.message) parts.push(e.message);
  return parts.length ? parts.join('; ') : undefined;
}

export function errorFromResponse(status: number, headers: Headers, body: unknown): ApiError {
  switch (status) {
    case 401:
      return new ApiError('unauthorised', t.errors.unauthorised, status);
    case 403:
      return new ApiError('forbidden', t.errors.forbidden, status);
    case 404:
      return new ApiError('not-found', t.errors.notFound, status);
    case 429: {
      const wait = retryAfterSeconds(headers.get('retry-after'));
      return new ApiError('rate-limited', t.errors.rateLimited(wait), status, wait);
    }
  }
  if (status >= 500) return new ApiError('server', t.errors.server, status);
  const detail = detailOf(body);
  return new ApiError('invalid', detail ? `${t.errors.invalid} ${detail}` : t.errors.invalid, status);
}

/** Any thrown value as a message for a person. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return t.errors.network;
  return t.errors.server;
}
