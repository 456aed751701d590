// GET /collections: E-SOH's answer (the `observations` collection), followed by the hub's other collections
// (the OGC API - Records collection of discovery metadata).
import type { FastifyInstance } from 'fastify';
import { sendJson } from './reply.js';
import type { MetadataSource } from './getCollection.js';

/** The documents of the collections that other services serve, listed after `observations`. */
export type OtherCollections = () => Promise<Record<string, unknown>[]>;

export function getCollections(
  app: FastifyInstance,
  source: MetadataSource,
  others: OtherCollections,
  base: string,
): void {
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
        collections: [await source(false, request.principal), ...(await others())],
      }),
  );
}
