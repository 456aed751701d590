// Query parameters shared by the routes, declared once as TypeBox schemas: validation (all strings; the
// E-SOH syntax is parsed in core/querySyntax.ts so that errors carry E-SOH's texts), TypeScript types
// and the OpenAPI document. Unknown query parameters are ignored, as E-SOH does.
import { Type, type Static } from 'typebox';
import { encoders } from './encoders.js';

const text = (description: string, examples: string[]) =>
  Type.Optional(Type.String({ description, examples }));

export const commonQueryProperties = {
  'parameter-name': text(
    'Comma-separated E-SOH parameter names `standard_name:level_m:method:duration`; `*` matches anything in a component. Names without `*` must exist (else 400).',
    ['air_temperature:2.0:mean:PT1M,wind_speed:10.0:mean:PT10M', 'air_temperature:*:*:*'],
  ),
  datetime: text(
    'An instant, or an interval `start/end`, `../end`, `start/..` (RFC 3339 with a time zone); both ends inclusive.',
    ['2022-12-31T00:00:00Z/2022-12-31T12:00:00Z', '../2022-12-31T01:10:00Z'],
  ),
  z: text('Height above mean sea level in metres: values, ranges `a/b` and `Rn/start/step`.', ['10/100']),
  standard_name: text('Comma-separated CF standard names (custom dimension).', [
    'air_temperature, wind_speed',
  ]),
  level: text(
    'Sensor height above ground in metres: a list, ranges (`1.0/10.0`, `../10.0`) and repeating intervals `Rn/start/step` (custom dimension).',
    ['2.0', '0/1.8', 'R6/1.5/0.1'],
  ),
  method: text('Comma-separated aggregation methods (custom dimension).', ['mean, maximum']),
  duration: text('Comma-separated ISO 8601 durations or ranges (custom dimension).', [
    'PT10M',
    'PT1M/PT10M',
    'PT6H/..',
  ]),
};

export const formatProperty = {
  f: Type.Optional(
    Type.String({
      description: `Output format: ${encoders.map((e) => `${e.name} (${e.mediaType})`).join(', ')}. Default ${encoders[0]!.name}.`,
      examples: encoders.map((e) => e.name),
    }),
  ),
};

export const CommonQuery = Type.Object({ ...commonQueryProperties, ...formatProperty });
export type CommonQuery = Static<typeof CommonQuery>;

export const EsohErrorBody = Type.Object(
  { detail: Type.Union([Type.String(), Type.Record(Type.String(), Type.String()), Type.Array(Type.Any())]) },
  { description: "E-SOH's error body" },
);

export const ProblemBody = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
  },
  { description: 'RFC 9457 problem details' },
);

/** Response documentation of a data query (the body is streamed, not serialised from a schema). */
export function dataResponses(errorBody: typeof EsohErrorBody | typeof ProblemBody) {
  return {
    200: {
      description: 'The observations, in the format chosen with `f`',
      content: Object.fromEntries(
        encoders.map((e) => [e.mediaType, { schema: { description: e.description } }]),
      ),
    },
    400: { description: 'Invalid query', content: { 'application/json': { schema: errorBody } } },
    404: { description: 'No data matches', content: { 'application/json': { schema: errorBody } } },
    413: {
      description: 'The answer would exceed EDR_MAX_VALUES values; narrow the query',
      content: { 'application/json': { schema: errorBody } },
    },
  };
}

/** Largest page of /items. */
export const MAX_ITEMS_LIMIT = 10_000;
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
      description: `Page size (1…${MAX_ITEMS_LIMIT}); without it every match is returned, as E-SOH does`,
    }),
  ),
  offset: Type.Optional(Type.String({ description: 'Start of the page (follow the next link)' })),
});
export type ItemsQuery = Static<typeof ItemsQuery>;
