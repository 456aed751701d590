// One error catalogue (ARCHITECTURE.md §6.7): stable codes, HTTP status, problem type and a safe detail.
// The HTTP error handler (ops/errorHandler.ts) renders every ObshubError as RFC 9457 problem+json, or, on
// the E-SOH-compatible routes, the errors E-SOH itself answers (those marked `esoh`) as its
// `{"detail": …}` body.

export interface Problem {
  /**
   * JSON Pointer into the request body, e.g. `/3/properties/period`; for BUFR input, into the E-SOH message
   * made from the value (`/properties/datetime`), or empty when the problem is not about one field.
   */
  path: string;
  message: string;
  /** BUFR input: the file, the message and subset in it (from 0), the descriptor and the byte offset. */
  file?: string;
  bufrMessage?: number;
  subset?: number;
  descriptor?: string;
  offset?: number;
}

/** What is wrong, as data: one text, a text per query parameter, or a list of issues (E-SOH's `detail`). */
export type ErrorDetail =
  string | Readonly<Record<string, string>> | readonly Readonly<Record<string, unknown>>[];

interface CatalogueEntry {
  status: number;
  title: string;
  /** E-SOH answers this error itself: its compatible routes render it as `{"detail": …}`. */
  esoh?: true;
  /** The query parameter the error is always about (its E-SOH detail is keyed by it). */
  parameter?: string;
}

export const errorCatalogue = {
  INGEST_INVALID: { status: 422, title: 'Invalid observations' },
  BODY_TOO_LARGE: { status: 413, title: 'Request body too large' },
  BATCH_TOO_LARGE: { status: 413, title: 'Too many messages in one request' },
  BODY_UNREADABLE: { status: 400, title: 'Request body could not be read' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  NOT_READY: { status: 503, title: 'Service not ready' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'Database unavailable' },
  GEOMETRY_INVALID: { status: 400, title: 'Geometry not usable', esoh: true, parameter: 'coords' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  QUERY_INVALID: { status: 400, title: 'Invalid query', esoh: true },
  NO_DATA: { status: 404, title: 'No data', esoh: true },
  QUERY_TOO_LARGE: { status: 413, title: 'Query result too large', esoh: true },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  CONFLICT: { status: 409, title: 'Conflict' },
  TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many failed attempts' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  DATA_DIR_IN_USE: { status: 409, title: 'Data directory in use' },
  QUERY_TIMEOUT: { status: 503, title: 'Query took too long' },
  /** The client closed the connection (nginx's 499): nobody reads this answer. */
  QUERY_CANCELLED: { status: 499, title: 'Client closed request' },
  SERVER_BUSY: { status: 503, title: 'Server busy' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

export class ObshubError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly problems: Problem[] | undefined;
  /** Further members of the problem body (RFC 9457 extensions), e.g. counts. */
  readonly extensions: Readonly<Record<string, unknown>> | undefined;
  private readonly data: ErrorDetail | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      problems?: Problem[];
      extensions?: Record<string, unknown>;
      cause?: unknown;
      /** The detail as data, where it is more than `detail` (e.g. a text per query parameter). */
      data?: ErrorDetail;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'ObshubError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.title = errorCatalogue[code].title;
    this.problems = options.problems;
    this.extensions = options.extensions;
    this.data = options.data;
  }

  /** A refused query: one text, or one per query parameter (the message joins them). */
  static queryInvalid(detail: string | Readonly<Record<string, string>>): ObshubError {
    return typeof detail === 'string'
      ? new ObshubError('QUERY_INVALID', detail)
      : new ObshubError('QUERY_INVALID', Object.values(detail).join('; '), { data: detail });
  }

  /** Whether E-SOH answers this error itself (its compatible routes then answer `{"detail": …}`). */
  get esoh(): boolean {
    return (errorCatalogue[this.code] as CatalogueEntry).esoh === true;
  }

  /** The detail as data: what E-SOH's `{"detail": …}` holds. */
  get detail(): ErrorDetail {
    const parameter = (errorCatalogue[this.code] as CatalogueEntry).parameter;
    return this.data ?? (parameter ? { [parameter]: this.message } : this.message);
  }

  /** The problem type URI: stable and listed in the README (a URN, since it names a kind of problem, not a page). */
  get type(): string {
    return `urn:obshub:problem:${this.code.toLowerCase().replaceAll('_', '-')}`;
  }
}
