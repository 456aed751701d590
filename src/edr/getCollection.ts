// GET /collections/observations: the collection document (extents, dimensions, queries, parameters).
import type { Principal } from '../core/access.js';
import type { FastifyInstance } from 'fastify';
import { sendJson } from './reply.js';

/** The collection document as `principal` may see it (without other organisations' recommended series). */
export type MetadataSource = (isSelf: boolean, principal: Principal) => Promise<Record<string, unknown>>;

export function getCollection(app: FastifyInstance, source: MetadataSource): void {
  app.get(
    '/collections/observations',
    {
      config: { errorStyle: 'esoh', cacheSeconds: 60, cacheAnswers: true, permission: 'observations:read' },
      schema: {
        operationId: 'getCollection',
        summary: 'The observations collection',
        description:
          'Spatial and temporal extent, custom dimensions (standard_name, level, method, duration), data queries and parameter_names, from the series summaries.',
        tags: ['Capabilities'],
        response: {
          200: { description: 'Collection', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
    async (request, reply) => sendJson(reply, 'application/json', await source(true, request.principal)),
  );
}
