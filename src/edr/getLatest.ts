// GET /collections/observations/latest: the latest observation of every matching series at (or before) an
// instant, one GeoJSON feature per series (beyond E-SOH). The web app colours its map with it and fills
// a station's latest values; one probe per series, so 5 000 stations answer in one request. The answer is
// written by JSON.stringify: it holds no Python floats (toJson is ~8× slower); the answer cache
// (caching.ts) keeps it for the next caller who would get the same (every visitor's first map).
import { ObshubError } from '../core/errors.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { formatUtc, parseUtcInstant } from '../core/datetime.js';
import { parseDurationSeconds } from '../core/duration.js';
import { splitAndStrip } from '../core/querySyntax.js';
import { commonQueryProperties, ProblemBody } from './schemas.js';
import type { EdrService } from './service.js';
import { clientGone } from './budget.js';

const DEFAULT_WITHIN = 'PT1H';

const Query = Type.Object({
  'parameter-name': commonQueryProperties['parameter-name'],
  platform: Type.Optional(
    Type.String({ description: 'Comma-separated WIGOS ids of stations', examples: ['0-20000-0-06260'] }),
  ),
  datetime: Type.Optional(
    Type.String({
      description: 'The instant (RFC 3339, UTC) the values are latest at; default now',
      examples: ['2026-11-21T10:20:00Z'],
    }),
  ),
  within: Type.Optional(
    Type.String({
      description: `How far back from \`datetime\` a value still counts (ISO 8601 duration, default ${DEFAULT_WITHIN})`,
      examples: ['PT3H'],
    }),
  ),
});

const LatestFeature = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Object({
    type: Type.Literal('Point'),
    coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  }),
  properties: Type.Object({
    wigos_id: Type.String(),
    name: Type.String(),
    parameter_name: Type.String(),
    naming_authority: Type.String(),
    institution: Type.Union([Type.String(), Type.Null()]),
    license: Type.Union([Type.String(), Type.Null()]),
    datetime: Type.String({ format: 'date-time' }),
    value: Type.Union([Type.Number(), Type.String(), Type.Null()], {
      description: 'A number, or the text of a value that is not one',
    }),
    unit: Type.String(),
    hamsl: Type.Union([Type.Number(), Type.Null()], { description: 'Height above mean sea level, m' }),
  }),
});

export const LatestCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  timeStamp: Type.String({ format: 'date-time', description: 'The instant the values are latest at' }),
  features: Type.Array(LatestFeature),
});

function instant(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const parsed = parseUtcInstant(text);
  if (!parsed.ok) throw ObshubError.queryInvalid(`datetime: ${parsed.reason}`);
  return parsed.epochMs;
}

function lookback(text: string | undefined): number {
  const parsed = parseDurationSeconds(text ?? DEFAULT_WITHIN);
  if (!parsed.ok) throw ObshubError.queryInvalid(`within: ${parsed.reason}`);
  return parsed.seconds * 1000;
}

/** Sends an encoded answer (the typed reply knows only the objects of the schema). */
const sendGeoJson = (reply: FastifyReply, body: Buffer): FastifyReply =>
  reply.header('content-type', 'application/geo+json').send(body);

export function getLatest(app: FastifyInstance, service: EdrService): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/collections/observations/latest',
    {
      config: {
        errorStyle: 'problem',
        cacheSeconds: 60,
        cacheAnswers: true,
        permission: 'observations:read',
      },
      schema: {
        operationId: 'getLatest',
        summary: 'Latest observations',
        description:
          'The latest observation of every series (optionally of some parameter names and stations) at or before `datetime` and no older than `within`: one GeoJSON feature per series, sorted by station and parameter name (beyond E-SOH).',
        tags: ['Collection data queries'],
        querystring: Query,
        response: {
          200: {
            description: 'The latest values',
            content: { 'application/geo+json': { schema: LatestCollection } },
          },
          400: {
            description: 'Invalid query',
            content: { 'application/problem+json': { schema: ProblemBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const atMs = instant(query.datetime);
      const fromMs = atMs - lookback(query.within);
      const filter = await service.commonFilter(request.principal, {
        'parameter-name': query['parameter-name'],
      });
      if (query.platform) filter.platforms = splitAndStrip(query.platform);
      const rows = await service.latest(
        filter,
        fromMs,
        atMs,
        service.limitsFor(request.principal, clientGone(reply)),
      );
      const body = Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          timeStamp: formatUtc(atMs),
          features: rows.map((r) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
            properties: {
              wigos_id: r.platform,
              name: r.platformName ?? r.platform,
              parameter_name: r.parameterName,
              naming_authority: r.namingAuthority,
              institution: r.institution,
              license: r.license,
              datetime: formatUtc(r.obstime.getTime()),
              value: r.value ?? r.valueText,
              unit: r.unit,
              hamsl: r.camsl === null ? null : r.camsl / 100,
            },
          })),
        }),
        'utf8',
      );
      return sendGeoJson(reply, body);
    },
  );
}
