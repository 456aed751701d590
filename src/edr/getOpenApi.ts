// GET /openapi.json: the OpenAPI 3.1 document generated from the route schemas.
import type { FastifyInstance } from 'fastify';

export function getOpenApi(app: FastifyInstance): void {
  app.get(
    '/openapi.json',
    { config: { cacheSeconds: 3600, permission: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/vnd.oai.openapi+json;version=3.1')
        .send(Buffer.from(JSON.stringify(app.swagger()), 'utf8')),
  );
}
