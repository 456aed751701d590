// GET /conformance: the conformance classes implemented.
import type { FastifyInstance } from 'fastify';
import { conformanceClasses } from './conformance.js';
import { sendJson } from './reply.js';

export function getConformance(app: FastifyInstance): void {
  app.get(
    '/conformance',
    {
      config: { errorStyle: 'problem', cacheSeconds: 3600, permission: 'public' },
      schema: {
        operationId: 'getConformance',
        summary: 'Conformance declaration',
        tags: ['Capabilities'],
        response: {
          200: {
            description: 'conformsTo',
            content: {
              'application/json': {
                schema: { type: 'object', examples: [{ conformsTo: conformanceClasses }] },
              },
            },
          },
        },
      },
    },
    async (_request, reply) => sendJson(reply, 'application/json', { conformsTo: conformanceClasses }),
  );
}
