// GET /openapi.json (OpenAPI 3.1) and GET /openapi-3.0.json (the same document in OpenAPI 3.0, for clients
// that read only 3.0, such as OWSLib), generated from the route schemas (ops/openapi.ts).
import type { FastifyInstance } from 'fastify';

export const OPENAPI_DOCUMENTS = [
  {
    path: '/openapi.json',
    mediaType: 'application/vnd.oai.openapi+json;version=3.1',
    render: (app: FastifyInstance) => app.swagger(),
  },
  {
    path: '/openapi-3.0.json',
    mediaType: 'application/vnd.oai.openapi+json;version=3.0',
    render: (app: FastifyInstance) => app.openApi30(),
  },
] as const;

export function getOpenApi(app: FastifyInstance): void {
  for (const { path, mediaType, render } of OPENAPI_DOCUMENTS) {
    app.get(
      path,
      { config: { cacheSeconds: 3600, permission: 'public' }, schema: { hide: true } },
      async (_request, reply) =>
        reply.header('content-type', mediaType).send(Buffer.from(JSON.stringify(render(app)), 'utf8')),
    );
  }
}
