// GET /collections/observations/items: time-series metadata search (OGC API - Features style).
// As E-SOH, plus: datetime really filters, level (metres) and period (ISO 8601) are converted to the
// stored units, and `limit` pages with a next link.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { clientGone } from './budget.js';
import { itemFeature } from './items.js';
import { sendJson } from './reply.js';
import { EsohErrorBody, ItemsQuery } from './schemas.js';
import type { EdrService } from './service.js';

export function getItems(app: FastifyInstance, service: EdrService, base: string): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/collections/observations/items',
    {
      config: { errorStyle: 'esoh', cacheSeconds: 60, cacheAnswers: true, permission: 'observations:read' },
      schema: {
        operationId: 'getItems',
        summary: 'Search time series',
        description:
          'Time-series metadata (GeoJSON, sorted by timeseries_id): a Feature for one match, a FeatureCollection otherwise. At least one of bbox or platform is required.',
        tags: ['Collection items'],
        querystring: ItemsQuery,
        response: {
          200: {
            description: 'GeoJSON Feature or FeatureCollection',
            content: { 'application/geo+json': { schema: { type: 'object' } } },
          },
          400: { description: 'Invalid query', content: { 'application/json': { schema: EsohErrorBody } } },
          404: {
            description: 'No series matches',
            content: { 'application/json': { schema: EsohErrorBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const limits = service.limitsFor(request.principal, clientGone(reply));
      const { page, more, limit, offset } = await service.items(request.principal, q, limits);
      const features = page.map((r) => itemFeature(r, base));
      if (q.limit === undefined && !more && features.length === 1)
        return sendJson(reply, 'application/geo+json', features[0]);
      const paged = q.limit !== undefined || more;
      const links: Record<string, string>[] = [];
      if (more) {
        const next = new URLSearchParams(
          Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'offset'),
        );
        next.set('limit', String(limit));
        next.set('offset', String(offset + limit));
        links.push({
          href: `${base}/collections/observations/items?${next.toString()}`,
          rel: 'next',
          type: 'application/geo+json',
        });
      }
      return sendJson(reply, 'application/geo+json', {
        type: 'FeatureCollection',
        features,
        ...(paged ? { numberReturned: features.length, links } : {}),
      });
    },
  );
}
