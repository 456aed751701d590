// Observations as the domain knows them once validated and normalised (E-SOH names, SI-ish units).
import type { SeriesIdentity } from './series.js';

export interface Link {
  href: string;
  rel: string;
  type?: string;
  hreflang?: string;
  title?: string;
  length?: number;
}

/**
 * The descriptive metadata of a time series, declared once: each text field's column in time_series and
 * its key in E-SOH's messages, in the order of E-SOH's message model. The domain type (SeriesMetadata),
 * the ingest's normalisation, the repositories' column lists and the outbox's message fields derive
 * from it.
 */
export const seriesTextFields = [
  { column: 'title', key: 'title' },
  { column: 'summary', key: 'summary' },
  { column: 'keywords', key: 'keywords' },
  { column: 'keywords_vocabulary', key: 'keywords_vocabulary' },
  { column: 'license', key: 'license' },
  { column: 'conventions', key: 'Conventions' },
  { column: 'creator_type', key: 'creator_type' },
  { column: 'creator_name', key: 'creator_name' },
  { column: 'creator_email', key: 'creator_email' },
  { column: 'creator_url', key: 'creator_url' },
  { column: 'institution', key: 'institution' },
  { column: 'project', key: 'project' },
  { column: 'source', key: 'source' },
  { column: 'platform_name', key: 'platform_name' },
  { column: 'platform_vocabulary', key: 'platform_vocabulary' },
  { column: 'instrument_vocabulary', key: 'instrument_vocabulary' },
  { column: 'quality_code_vocabulary', key: 'quality_code_vocabulary' },
] as const;

export type SeriesTextColumn = (typeof seriesTextFields)[number]['column'];

/** Descriptive metadata of a time series, keyed by column (E-SOH's property names, ACDD attributes). */
export type SeriesMetadata = { [C in SeriesTextColumn]: string | null } & {
  unit: string;
  version: string | null;
  links: Link[] | null;
};

/** Every metadata column of time_series with its SQL type, in one order: the text fields, then the rest. */
export const seriesMetadataColumns: readonly { column: keyof SeriesMetadata; sqlType: string }[] = [
  { column: 'unit', sqlType: 'text' },
  ...seriesTextFields.map((f) => ({ column: f.column, sqlType: 'text' })),
  { column: 'version', sqlType: 'text' },
  { column: 'links', sqlType: 'jsonb' },
];

export interface Series extends SeriesIdentity {
  /** seriesKey() of the identity, computed once. */
  key: string;
  parameterName: string;
  timeseriesId: string;
  metadata: SeriesMetadata;
}

export interface Observation {
  series: Series;
  lon: number;
  lat: number;
  obstimeMs: number;
  /** The value as a number, or null when it is not numeric (then valueText holds it). */
  value: number | null;
  valueText: string | null;
  qualityCode: number | null;
  /** Height of the station above mean sea level, in centimetres (E-SOH's camsl). */
  camsl: number | null;
  history: string | null;
  processingLevel: string | null;
}
