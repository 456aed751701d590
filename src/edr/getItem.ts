// GET /collections/observations/items/{item_id}: one time series by its timeseries_id.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { clientGone } from './budget.js';
import { QueryError } from './errors.js';
import { itemFeature } from './items.js';
import { sendJson } from './reply.js';
import { EsohErrorBody } from './schemas.js';
import type { EdrService } from './service.js';

export function getItem(app: FastifyInstance, service: EdrService, base: string): void {
  app.get(
    '/collections/observations/items/:item_id',
    {
      config: { errorStyle: 'esoh', cacheSeconds: 60, permission: 'observations:read' },
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
      const { item_id } = request.params as { item_id: string };
      const [row] = await service.records(
        { ...(await service.baseFilter(request.principal)), timeseriesIds: [item_id.replaceAll('*', '')] },
        { limit: 1, offset: 0 },
        service.limitsFor(request.principal, clientGone(reply)),
      );
      if (!row) throw new QueryError(404, 'Query did not return any time series.');
      return sendJson(reply, 'application/geo+json', itemFeature(row, base));
    },
  );
}
