// GET /collections/observations/items: time-series metadata search (OGC API - Features style).
// As E-SOH, plus: datetime really filters, level (metres) and period (ISO 8601) are converted to the
// stored units, and `limit` pages with a next link.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parseBbox, parseDatetime, parseDurations, parseLevels, splitAndStrip } from '../core/querySyntax.js';
import type { SeriesFilter } from '../storage/index.js';
import { clientGone } from './budget.js';
import { QueryError } from './errors.js';
import { itemFeature } from './items.js';
import { sendJson } from './reply.js';
import { EsohErrorBody } from './schemas.js';
import { asQueryError, type EdrService } from './service.js';

const MAX_LIMIT = 10_000;
/** Offsets beyond any store's size just page past the end (the database takes them as bigint). */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;
const list = (description: string, examples: string[] = []) =>
  Type.Optional(Type.String({ description, ...(examples.length ? { examples } : {}) }));

export const ItemsQuery = Type.Object({
  bbox: list('west,south,east,north', ['4.5,52.4,4.6,52.57']),
  datetime: list('Series with observations in this instant or interval', [
    '2022-12-31T00:50:00Z/2022-12-31T02:10:00Z',
  ]),
  id: list('Comma-separated timeseries ids'),
  'parameter-name': list('Comma-separated parameter names (`*` wildcards)'),
  'naming-authority': list('Comma-separated naming authorities', ['nl.knmi']),
  institution: list('Comma-separated institutions'),
  platform: list('Comma-separated WIGOS ids', ['0-20000-0-06225']),
  'standard-name': list('Comma-separated CF standard names', ['air_temperature']),
  unit: list('Comma-separated units', ['Cel']),
  instrument: list('Comma-separated instrument ids'),
  level: list('Sensor heights in metres: values, ranges, Rn/start/step', ['2.0']),
  period: list('ISO 8601 durations or ranges', ['PT10M']),
  method: list('Comma-separated aggregation methods', ['mean']),
  limit: Type.Optional(
    Type.String({
      description: `Page size (1…${MAX_LIMIT}); without it every match is returned, as E-SOH does`,
    }),
  ),
  offset: Type.Optional(Type.String({ description: 'Start of the page (follow the next link)' })),
});

export function getItems(app: FastifyInstance, service: EdrService, base: string): void {
  app.get(
    '/collections/observations/items',
    {
      config: { errorStyle: 'esoh', cacheSeconds: 60, permission: 'observations:read' },
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
      const q = request.query as Record<string, string | undefined>;
      if (!q.bbox && !q.platform) throw new QueryError(400, 'Have to set at least one of bbox or platform.');
      const filter: SeriesFilter = await service.baseFilter(request.principal);
      let limit = MAX_LIMIT;
      let offset = 0;
      try {
        if (q.bbox) {
          const [w, s, e, n] = parseBbox(q.bbox);
          filter.area = {
            kind: 'polygon',
            ring: [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          };
        }
        if (q.datetime) Object.assign(filter, parseDatetime(q.datetime));
        const lists: [keyof SeriesFilter, string | undefined][] = [
          ['timeseriesIds', q.id],
          ['parameterNames', q['parameter-name']],
          ['namingAuthorities', q['naming-authority']],
          ['institutions', q.institution],
          ['platforms', q.platform],
          ['standardNames', q['standard-name']],
          ['units', q.unit],
          ['instruments', q.instrument],
          ['methods', q.method],
        ];
        for (const [key, value] of lists) if (value) Object.assign(filter, { [key]: splitAndStrip(value) });
        if (q.level) filter.levels = parseLevels(q.level);
        if (q.period) filter.periods = parseDurations(q.period);
        if (q.limit !== undefined)
          limit = Math.min(MAX_LIMIT, Math.max(1, Number.parseInt(q.limit, 10) || 10));
        if (q.offset !== undefined)
          offset = Math.min(MAX_OFFSET, Math.max(0, Number.parseInt(q.offset, 10) || 0));
      } catch (err) {
        throw asQueryError(err);
      }
      const limits = service.limitsFor(request.principal, clientGone(reply));
      const rows = await service.records(filter, { limit: limit + 1, offset }, limits);
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      if (page.length === 0) throw new QueryError(404, 'Query did not return any time series.');
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
