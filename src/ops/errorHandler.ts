// One error handler renders every error as RFC 9457 problem+json. Domain errors carry their status and a
// safe detail; anything unexpected is logged with its cause and answered 500 without internals. Every
// problem names the request's id (`requestId`, also in the X-Request-Id header) for support requests.
// The E-SOH-compatible routes (`config.errorStyle: 'esoh'`) answer the errors E-SOH itself answers with
// its `{"detail": …}` body instead; services throw the same errors and never know the style.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ObshubError } from '../core/errors.js';

export type ErrorStyle = 'esoh' | 'problem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How errors of this route are rendered: E-SOH's {"detail": …} or problem+json (the default). */
    errorStyle?: ErrorStyle;
  }
}

export function problemBody(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return { type: 'about:blank', title, status, detail, ...extra };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ObshubError, request, reply) => {
    if (error instanceof ObshubError) {
      if (error.esoh && request.routeOptions.config?.errorStyle === 'esoh') {
        // A Buffer, as E-SOH answers: exactly `application/json` (a string would get a charset suffix).
        return reply
          .code(error.status)
          .header('content-type', 'application/json')
          .send(Buffer.from(JSON.stringify({ detail: error.detail }), 'utf8'));
      }
      // 503s are answers the hub chose (busy, stopping, database away, a query out of time): warnings.
      if (error.status === 503) request.log.warn({ err: error }, error.message);
      else if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply
        .code(error.status)
        .type('application/problem+json')
        .send({
          type: error.type,
          title: error.title,
          status: error.status,
          detail: error.message,
          ...(error.problems ? { errors: error.problems } : {}),
          ...error.extensions,
          requestId: request.id,
        });
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply
        .code(status)
        .type('application/problem+json')
        .send(
          problemBody(
            status,
            'Internal Server Error',
            'The request could not be completed; the error was logged.',
            { requestId: request.id },
          ),
        );
    }
    const detail =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'the request body exceeds the size limit (INGEST_BODY_LIMIT)'
        : error.message;
    return reply
      .code(status)
      .type('application/problem+json')
      .send(problemBody(status, httpTitle(status), detail, { requestId: request.id }));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(
        problemBody(404, 'Not Found', `${request.method} ${request.url.split('?')[0]} does not exist`, {
          requestId: request.id,
        }),
      ),
  );
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot read (a broken percent-encoding) or a path
 * parameter beyond its length limit is answered as problem+json too, before any hook has run (so the
 * headers every answer carries are set here). The path is not echoed: it may be long or hostile.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const detail =
    status === 414
      ? 'a path segment of the URL is longer than the hub accepts'
      : 'the URL is not valid: it holds a percent-encoding that is not UTF-8';
  void reply
    .code(status)
    .header('x-content-type-options', 'nosniff')
    .header('x-request-id', request.id)
    .type('application/problem+json')
    .send(problemBody(status, httpTitle(status), detail, { requestId: request.id }));
}

function httpTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    413: 'Content Too Large',
    414: 'URI Too Long',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Error';
}
