// GET /collections: the one collection, `observations`.
import type { FastifyInstance } from 'fastify';
import { sendJson } from './reply.js';
import type { MetadataSource } from './getCollection.js';

export function getCollections(app: FastifyInstance, source: MetadataSource, base: string): void {
  app.get(
    '/collections',
    {
      config: { errorStyle: 'problem', cacheSeconds: 60, permission: 'observations:read' },
      schema: {
        operationId: 'getCollections',
        summary: 'Collections',
        tags: ['Capabilities'],
        response: {
          200: {
            description: 'Collections',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    async (request, reply) =>
      sendJson(reply, 'application/json', {
        links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json' }],
        collections: [await source(false, request.principal)],
      }),
  );
}
