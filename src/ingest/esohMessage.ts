// The E-SOH ingest message (EUMETNET/e-soh ingest/api/model.py), declared once: this schema validates
// the structure of every message and documents POST /ingest/json. Rules that a schema cannot express
// (CF names, units, WIGOS ids, durations, UTC) are checked in normalise.ts.
import { Type, type Static } from 'typebox';

const NumberOrNumericString = Type.Union([Type.Number(), Type.String()]);
const OptionalText = Type.Optional(Type.String());

export const functions = [
  'point',
  'sum',
  'maximum',
  'maximum_absolute_value',
  'median',
  'mid_range',
  'minimum',
  'minimum_absolute_value',
  'mean',
  'mean_absolute_value',
  'mode',
  'root_mean_square',
  'variance',
] as const;

export const EsohLink = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: OptionalText,
  hreflang: OptionalText,
  title: OptionalText,
  length: Type.Optional(Type.Integer()),
});

export const EsohMessage = Type.Object(
  {
    type: Type.Literal('Feature'),
    geometry: Type.Object({
      type: Type.Literal('Point'),
      coordinates: Type.Object(
        { lat: NumberOrNumericString, lon: NumberOrNumericString },
        { description: 'An object {lat, lon} in degrees (WGS 84), not a GeoJSON array.' },
      ),
    }),
    properties: Type.Object({
      title: OptionalText,
      summary: Type.String(),
      keywords: OptionalText,
      keywords_vocabulary: OptionalText,
      license: Type.String(),
      Conventions: Type.String(),
      naming_authority: Type.String({ description: 'Reverse-DNS name of the data provider, e.g. nl.knmi.' }),
      creator_type: Type.Optional(
        Type.Union(['person', 'group', 'institution', 'position'].map((v) => Type.Literal(v))),
      ),
      creator_name: OptionalText,
      creator_email: OptionalText,
      creator_url: OptionalText,
      institution: OptionalText,
      project: OptionalText,
      source: OptionalText,
      platform: Type.String({ description: 'WIGOS station identifier, e.g. 0-20000-0-06260.' }),
      platform_name: OptionalText,
      platform_vocabulary: OptionalText,
      instrument: OptionalText,
      instrument_vocabulary: OptionalText,
      level: Type.Union([Type.Number(), Type.String()], {
        description: 'Height of the sensor above ground, metres.',
      }),
      period: Type.String({
        description: 'Aggregation period, ISO 8601 duration (PT0S for instantaneous values).',
      }),
      function: Type.Union(
        functions.map((f) => Type.Literal(f)),
        { description: 'CF cell method of the period.' },
      ),
      history: OptionalText,
      datetime: Type.String({ description: 'Observation time, ISO 8601 in UTC.' }),
      start_datetime: OptionalText,
      end_datetime: OptionalText,
      processing_level: OptionalText,
      quality_code: Type.Optional(Type.Integer()),
      quality_code_vocabulary: OptionalText,
      hamsl: Type.Optional(
        Type.Number({ description: 'Height of the station above mean sea level, metres.' }),
      ),
      content: Type.Object({
        encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('base64'), Type.Literal('gzip')]),
        size: Type.Optional(Type.Integer()),
        value: Type.Union([Type.String(), Type.Number()], { description: 'The observed value.' }),
        standard_name: Type.String({ description: 'CF standard name (aliases are mapped).' }),
        unit: Type.String({
          description: "The standard name's unit, an alias of it, or a unit E-SOH converts.",
        }),
      }),
      integrity: Type.Optional(
        Type.Object({
          method: Type.Union(
            ['sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-384', 'sha3-512'].map((m) => Type.Literal(m)),
          ),
          value: Type.String(),
        }),
      ),
    }),
    links: Type.Array(EsohLink, { minItems: 1 }),
    version: Type.String(),
  },
  { $id: 'EsohMessage', description: 'One E-SOH observation message.' },
);

export type EsohMessage = Static<typeof EsohMessage>;

export const EsohBatch = Type.Union([EsohMessage, Type.Array(EsohMessage)]);

export const IngestResponse = Type.Object({
  status_message: Type.String({
    examples: ['Successfully ingested', 'Insert accepted, duplicates removed.'],
  }),
  status_code: Type.Integer({ examples: [200] }),
});
export type IngestResponse = Static<typeof IngestResponse>;
