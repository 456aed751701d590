// HTTP rules of the query API that every route shares (EDR recommendations): 405 with Allow for other
// methods on our paths, 406 when Accept rules out every format we answer, no NUL in URLs. (CORS is the
// gateway's, for every service.)
import { ObshubError } from '../core/errors.js';
import type { FastifyInstance } from 'fastify';

const OFFERED = [
  'application/json',
  'application/geo+json',
  'application/prs.coverage+json',
  'application/problem+json',
  'application/vnd.oai.openapi+json',
  'text/csv',
  'text/html',
];

/** True when an Accept header admits at least one media type we can answer. */
export function acceptable(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) return false;
    if (range === '*/*' || range === '') return true;
    const [type, sub] = range.split('/');
    return OFFERED.some((o) => {
      const [ot, os] = o.split('/');
      return type === ot && (sub === '*' || sub === os || (sub === 'json' && os!.endsWith('+json')));
    });
  });
}

export function installHttpRules(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    // No identifier, name or value of ours holds NUL, and PostgreSQL text cannot: refuse it up front.
    if (/%00|\u0000/i.test(request.url)) {
      throw ObshubError.queryInvalid('The request URL must not contain a NUL character (%00).');
    }
    if (request.method === 'GET' && !request.url.startsWith('/docs') && !acceptable(request.headers.accept)) {
      return reply
        .code(406)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Not Acceptable',
          status: 406,
          detail: `none of the accepted media types is available; this API answers ${OFFERED.join(', ')}`,
        });
    }
  });
}

/** Registers 405 answers for the other methods of every GET path registered so far. */
export function methodNotAllowed(app: FastifyInstance, paths: Iterable<string>): void {
  for (const url of paths) {
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      schema: { hide: true },
      config: { permission: 'public' },
      handler: async (request, reply) =>
        reply
          .code(405)
          .header('allow', 'GET, HEAD')
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'Method Not Allowed',
            status: 405,
            detail: `${request.method} is not allowed on ${url}; use GET`,
          }),
    });
  }
}
