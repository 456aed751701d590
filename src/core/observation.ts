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

/** Descriptive metadata of a time series, keyed by E-SOH's property names (ACDD attributes). */
export interface SeriesMetadata {
  unit: string;
  platform_name: string | null;
  platform_vocabulary: string | null;
  instrument_vocabulary: string | null;
  quality_code_vocabulary: string | null;
  title: string | null;
  summary: string | null;
  keywords: string | null;
  keywords_vocabulary: string | null;
  license: string | null;
  conventions: string | null;
  creator_type: string | null;
  creator_name: string | null;
  creator_email: string | null;
  creator_url: string | null;
  institution: string | null;
  project: string | null;
  source: string | null;
  version: string | null;
  links: Link[] | null;
}

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
