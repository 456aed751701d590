// The E-SOH ingest message (EUMETNET/e-soh ingest/api/model.py), declared once: this schema validates
// the structure of every message and documents POST /ingest/json. Rules that a schema cannot express
// (CF names, units, WIGOS ids, durations, UTC) are checked in normalise.ts.
import { Type, type Static } from 'typebox';
import { columnRanges } from '../core/observation.js';
import { STORABLE_TEXT_PATTERN } from '../core/text.js';
import { fixedLimits as fixed, type IngestLimits } from './limits.js';

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

/** The setting that sets a limit, named in the problem when it is exceeded. */
const SETTING = 'x-setting';

/** A string of at most `maxLength` characters that the database can store (no NUL, no lone surrogate). */
const Text = (maxLength: number, options: Record<string, unknown> = {}) =>
  Type.String({ maxLength, pattern: STORABLE_TEXT_PATTERN, ...options });

/** A count (a size, a length): a whole number that JSON and JavaScript hold exactly. */
const Count = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/**
 * The schema of one message under `limits`: every string has its maximum length and must be storable
 * text, every array its maximum length. Properties it does not name are ignored (and never stored).
 */
export function esohMessageSchema(limits: IngestLimits) {
  const text = Text(limits.maxTextLength, { [SETTING]: 'INGEST_MAX_TEXT_LENGTH' });
  const OptionalText = Type.Optional(text);
  const short = Text(fixed.short);
  const name = Text(fixed.name);
  const NumberOrNumericString = Type.Union([Type.Number(), short]);

  const link = Type.Object({
    href: Text(fixed.url),
    rel: name,
    type: Type.Optional(name),
    hreflang: Type.Optional(short),
    title: OptionalText,
    length: Type.Optional(Count),
  });

  return Type.Object(
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
        summary: text,
        keywords: Type.Optional(
          Text(limits.maxTextLength, {
            [SETTING]: 'INGEST_MAX_TEXT_LENGTH',
            description: `Comma-separated, at most ${fixed.keywords} keywords.`,
          }),
        ),
        keywords_vocabulary: OptionalText,
        license: text,
        Conventions: text,
        naming_authority: Text(fixed.namingAuthority, {
          description: 'Reverse-DNS name of the data provider, e.g. nl.knmi.',
        }),
        creator_type: Type.Optional(
          Type.Union(['person', 'group', 'institution', 'position'].map((v) => Type.Literal(v))),
        ),
        creator_name: OptionalText,
        creator_email: OptionalText,
        creator_url: OptionalText,
        institution: OptionalText,
        project: OptionalText,
        source: OptionalText,
        platform: Text(fixed.platform, { description: 'WIGOS station identifier, e.g. 0-20000-0-06260.' }),
        platform_name: OptionalText,
        platform_vocabulary: OptionalText,
        instrument: Type.Optional(Text(fixed.instrument)),
        instrument_vocabulary: OptionalText,
        level: Type.Union([Type.Number(), short], {
          description: 'Height of the sensor above ground, metres.',
        }),
        period: Text(fixed.short, {
          description: 'Aggregation period, ISO 8601 duration (PT0S for instantaneous values).',
        }),
        function: Type.Union(
          functions.map((f) => Type.Literal(f)),
          { description: 'CF cell method of the period.' },
        ),
        history: OptionalText,
        datetime: Text(fixed.short, { description: 'Observation time, ISO 8601 in UTC.' }),
        start_datetime: Type.Optional(short),
        end_datetime: Type.Optional(short),
        processing_level: OptionalText,
        quality_code: Type.Optional(
          Type.Integer({ minimum: columnRanges.qualityCode.min, maximum: columnRanges.qualityCode.max }),
        ),
        quality_code_vocabulary: OptionalText,
        hamsl: Type.Optional(
          Type.Number({ description: 'Height of the station above mean sea level, metres.' }),
        ),
        content: Type.Object({
          encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('base64'), Type.Literal('gzip')]),
          size: Type.Optional(Count),
          value: Type.Union([Text(fixed.value), Type.Number()], { description: 'The observed value.' }),
          standard_name: Text(fixed.name, { description: 'CF standard name (aliases are mapped).' }),
          unit: Text(fixed.short, {
            description: "The standard name's unit, an alias of it, or a unit E-SOH converts.",
          }),
        }),
        integrity: Type.Optional(
          Type.Object({
            method: Type.Union(
              ['sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-384', 'sha3-512'].map((m) => Type.Literal(m)),
            ),
            value: name,
          }),
        ),
      }),
      links: Type.Array(link, {
        minItems: 1,
        maxItems: limits.maxLinks,
        [SETTING]: 'INGEST_MAX_LINKS',
      }),
      version: short,
    },
    { $id: 'EsohMessage', description: 'One E-SOH observation message.' },
  );
}

export type EsohMessage = Static<ReturnType<typeof esohMessageSchema>>;
export type EsohLink = EsohMessage['links'][number];

/** The body of POST /ingest/json: one message or an array of them. */
export function esohBatchSchema(limits: IngestLimits) {
  const message = esohMessageSchema(limits);
  return Type.Union([
    message,
    Type.Array(message, { maxItems: limits.maxMessages, [SETTING]: 'INGEST_MAX_MESSAGES' }),
  ]);
}

export const IngestResponse = Type.Object({
  status_message: Type.String({
    examples: ['Successfully ingested', 'Insert accepted, duplicates removed.'],
  }),
  status_code: Type.Integer({ examples: [200] }),
});
export type IngestResponse = Static<typeof IngestResponse>;
