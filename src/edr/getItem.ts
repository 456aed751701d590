// GET /collections/observations/items/{item_id}: one time series by its timeseries_id.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { clientGone } from './budget.js';
import { itemFeature } from './items.js';
import { sendJson } from './reply.js';
import { EsohErrorBody } from './schemas.js';
import type { EdrService } from './service.js';

export function getItem(app: FastifyInstance, service: EdrService, base: string): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/collections/observations/items/:item_id',
    {
      config: { errorStyle: 'esoh', cacheSeconds: 60, cacheAnswers: true, permission: 'observations:read' },
      schema: {
        operationId: 'getItem',
        summary: 'One time series',
        description: 'The metadata of one time series (GeoJSON Feature) with a link to its data.',
        tags: ['Collection items'],
        params: Type.Object({
          item_id: Type.String({
            description: 'timeseries_id',
            examples: ['20bf5cc13b08b4c1d737966b64d0aea5'],
          }),
        }),
        response: {
          200: {
            description: 'GeoJSON Feature',
            content: { 'application/geo+json': { schema: { type: 'object' } } },
          },
          404: { description: 'Unknown id', content: { 'application/json': { schema: EsohErrorBody } } },
        },
      },
    },
    async (request, reply) => {
      const limits = service.limitsFor(request.principal, clientGone(reply));
      const row = await service.item(request.principal, request.params.item_id, limits);
      return sendJson(reply, 'application/geo+json', itemFeature(row, base));
    },
  );
}
