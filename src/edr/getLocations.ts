// GET /collections/observations/locations: the stations, with their parameter names (EDR GeoJSON).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pyf } from './json.js';
import { coverageParameter } from './parameters.js';
import { sendJson } from './reply.js';
import { commonQueryProperties, EsohErrorBody } from './schemas.js';
import { clientGone } from './budget.js';
import type { EdrService } from './service.js';

export function getLocations(app: FastifyInstance, service: EdrService, base: string): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/collections/observations/locations',
    {
      config: { errorStyle: 'esoh', cacheSeconds: 60, cacheAnswers: true, permission: 'observations:read' },
      schema: {
        operationId: 'getLocations',
        summary: 'Stations',
        description:
          'Stations with the parameter names they report, sorted by WIGOS id, optionally inside a bbox (at most 90° wide) and filtered like the data queries. From the series summaries, never a scan of the observations.',
        tags: ['Collection data queries'],
        querystring: Type.Object({
          bbox: Type.Optional(
            Type.String({ description: 'west,south,east,north', examples: ['5.0,52.0,6.0,52.1'] }),
          ),
          ...commonQueryProperties,
        }),
        response: {
          200: {
            description: 'EDR GeoJSON FeatureCollection with parameters',
            content: { 'application/geo+json': { schema: { type: 'object' } } },
          },
          400: { description: 'Invalid query', content: { 'application/json': { schema: EsohErrorBody } } },
          404: {
            description: 'No station matches',
            content: { 'application/json': { schema: EsohErrorBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const limits = service.limitsFor(request.principal, clientGone(reply));
      const { locations, parameters } = await service.locations(request.principal, request.query, limits);
      const byName = new Map(parameters.map((p) => [p.parameterName, p]));
      const used = new Set(locations.flatMap((l) => l.parameterNames));
      return sendJson(reply, 'application/geo+json', {
        type: 'FeatureCollection',
        features: locations.map((l) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [pyf(l.lon), pyf(l.lat)] },
          properties: {
            name: l.platformName ? l.platformName : `platform-${l.platform}`,
            detail: `https://oscar.wmo.int/surface/rest/api/search/station?wigosId=${l.platform}`,
            'parameter-name': l.parameterNames,
            'timeseries-link': `${base}/collections/observations/items?platform=${encodeURIComponent(l.platform)}`,
          },
          id: l.platform,
        })),
        parameters: Object.fromEntries(
          [...used].sort().flatMap((name) => {
            const p = byName.get(name);
            return p ? [[name, coverageParameter(p)]] : [];
          }),
        ),
      });
    },
  );
}
