// Observations as the domain knows them once validated and normalised (E-SOH names, SI-ish units).
import { seriesIdentityColumns, type SeriesIdentity } from './series.js';

export interface Link {
  href: string;
  rel: string;
  type?: string;
  hreflang?: string;
  title?: string;
  length?: number;
}

/**
 * The properties of E-SOH's MQTT message, declared once in the order of E-SOH's message model (its
 * pydantic model dumps them so). A property with a `column` is a descriptive text field of the time
 * series, stored in that column of time_series; the others are built from the series identity and the
 * observation, in their places. The descriptive metadata (seriesTextFields, SeriesMetadata), the ingest's
 * normalisation, the repositories' column lists and the E-SOH message builder (notify/esohMessage.ts)
 * derive from it.
 */
export const esohMessageProperties = [
  { key: 'title', column: 'title' },
  { key: 'summary', column: 'summary' },
  { key: 'keywords', column: 'keywords' },
  { key: 'keywords_vocabulary', column: 'keywords_vocabulary' },
  { key: 'license', column: 'license' },
  { key: 'Conventions', column: 'conventions' },
  { key: 'naming_authority' },
  { key: 'creator_type', column: 'creator_type' },
  { key: 'creator_name', column: 'creator_name' },
  { key: 'creator_email', column: 'creator_email' },
  { key: 'creator_url', column: 'creator_url' },
  { key: 'institution', column: 'institution' },
  { key: 'project', column: 'project' },
  { key: 'source', column: 'source' },
  { key: 'platform' },
  { key: 'platform_name', column: 'platform_name' },
  { key: 'platform_vocabulary', column: 'platform_vocabulary' },
  { key: 'instrument' },
  { key: 'instrument_vocabulary', column: 'instrument_vocabulary' },
  { key: 'level' },
  { key: 'period' },
  { key: 'period_int' },
  { key: 'function' },
  { key: 'history' },
  { key: 'datetime' },
  { key: 'processing_level' },
  { key: 'quality_code' },
  { key: 'quality_code_vocabulary', column: 'quality_code_vocabulary' },
  { key: 'hamsl' },
  { key: 'content' },
  { key: 'data_id' },
  { key: 'timeseries_id' },
  { key: 'pubtime' },
] as const;

type EsohMessageProperty = (typeof esohMessageProperties)[number];
type SeriesTextField = Extract<EsohMessageProperty, { column: string }>;
/** The E-SOH message properties built from the series identity and the observation (not stored text). */
export type EsohBuiltProperty = Exclude<EsohMessageProperty, SeriesTextField>['key'];

/** The descriptive text fields of a time series (column and E-SOH key), in E-SOH's message order. */
export const seriesTextFields = esohMessageProperties.filter((p): p is SeriesTextField => 'column' in p);

export type SeriesTextColumn = SeriesTextField['column'];

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

/**
 * Every column of time_series that describes a series, with its SQL type: the identity's, the names
 * derived from it (Series.parameterName, Series.timeseriesId), then the metadata.
 */
export const seriesColumns: readonly { column: string; sqlType: string }[] = [
  ...Object.values(seriesIdentityColumns),
  { column: 'parameter_name', sqlType: 'text' },
  { column: 'timeseries_id', sqlType: 'text' },
  ...seriesMetadataColumns,
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

/** The range of PostgreSQL's `integer` (int4). */
export const INT4 = { min: -2_147_483_648, max: 2_147_483_647 } as const;

/**
 * The ranges the integer columns of a series and an observation hold (storage/migrations/001_schema.sql), in the
 * domain's units: level in cm, period in s, camsl in cm. The ingest refuses values outside them, naming the
 * limit, so that the database never fails a batch over a number (a medium test checks the column types).
 */
export const columnRanges = {
  levelCm: INT4,
  periodS: INT4,
  qualityCode: INT4,
  camsl: INT4,
} as const;
