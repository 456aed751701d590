// GET /: the landing page (JSON); a browser asking for HTML is sent to the web app.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { OPENAPI_DOCUMENTS } from './getOpenApi.js';
import { sendJson } from './reply.js';

const [OPENAPI_31, OPENAPI_30] = OPENAPI_DOCUMENTS;

export const WEB_APP_PATH = '/app/';

/** True when the client prefers HTML to JSON (a browser), by the order and q-values of Accept. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = -1;
  let json = -1;
  accept.split(',').forEach((part, i) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const score = q * 1000 - i; // earlier wins at equal q
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, score);
    if (type === 'application/json' || type === '*/*' || type === 'application/*')
      json = Math.max(json, q * 1000 - i - (type === 'application/json' ? 0 : 500));
  });
  return html > 0 && html > json;
}

export function getLandingPage(app: FastifyInstance, base: string): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/',
    {
      config: { errorStyle: 'problem', cacheSeconds: 3600, permission: 'public' },
      schema: {
        operationId: 'getLandingPage',
        summary: 'Landing page',
        description: `Links to the API description, conformance and collections. Browsers (Accept: text/html) are redirected to the web app at ${WEB_APP_PATH}.`,
        tags: ['Capabilities'],
        querystring: Type.Object({ f: Type.Optional(Type.String({ description: 'json (default)' })) }),
        response: {
          200: {
            description: 'Landing page',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          302: { description: 'Redirect of a browser to the web app' },
        },
      },
    },
    async (request, reply) => {
      const { f } = request.query;
      if (f === undefined && prefersHtml(request.headers.accept)) return reply.redirect(WEB_APP_PATH, 302);
      return sendJson(reply, 'application/json', {
        title: 'obshub: observations API',
        description:
          'OGC API - EDR service for near-real-time surface weather observations, compatible with the E-SOH API.',
        links: [
          { href: `${base}/`, rel: 'self', title: 'Landing Page in JSON', type: 'application/json' },
          { href: `${base}/docs`, rel: 'service-doc', title: 'API description in HTML', type: 'text/html' },
          {
            href: `${base}${OPENAPI_31.path}`,
            rel: 'service-desc',
            title: 'API description in JSON',
            type: OPENAPI_31.mediaType,
          },
          {
            href: `${base}/conformance`,
            rel: 'conformance',
            title: 'Conformance Declaration in JSON',
            type: 'application/json',
          },
          {
            href: `${base}/collections`,
            rel: 'data',
            title: 'Collections metadata in JSON',
            type: 'application/json',
          },
          // Beyond E-SOH (after its links, in their order): the API description in OpenAPI 3.0.
          {
            href: `${base}${OPENAPI_30.path}`,
            rel: 'service-desc',
            title: 'API description in JSON (OpenAPI 3.0)',
            type: OPENAPI_30.mediaType,
          },
        ],
        keywords: ['weather', 'temperature', 'wind', 'humidity', 'pressure', 'clouds', 'radiation'],
        provider: { name: 'obshub', url: 'https://obshub.dev' },
      });
    },
  );
}
