// Time-series metadata as GeoJSON features, as E-SOH's formatters/geojson.py writes them: every non-empty
// metadata field in E-SOH's field order, level in metres (float), period as ISO 8601, function renamed
// method, a default platform_vocabulary and platform_name; plus a working `data` link.
import { formatDurationSeconds } from '../core/duration.js';
import type { SeriesRecord } from '../storage/index.js';
import { pyf } from './json.js';

/**
 * The series metadata fields of E-SOH's protobuf (TSMetadata) in the order E-SOH's GeoJSON lists them:
 * protobuf's ListFields order, which differs from the message model's (seriesTextFields).
 */
const tsMetadataFields = [
  'title',
  'summary',
  'keywords',
  'keywords_vocabulary',
  'license',
  'naming_authority',
  'creator_type',
  'creator_name',
  'creator_email',
  'creator_url',
  'institution',
  'project',
  'source',
  'platform',
  'standard_name',
  'unit',
  'level',
  'function',
  'period',
  'instrument',
  'instrument_vocabulary',
  'parameter_name',
  'timeseries_id',
  'platform_vocabulary',
  'platform_name',
  'quality_code_vocabulary',
];

export function itemFeature(r: SeriesRecord, base: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    ...r.metadata,
    level: r.levelCm,
    function: r.function,
    period: r.periodS,
    // E-SOH's ingest always fills it, so it keeps its place; a default when the message had none.
    platform_vocabulary:
      r.metadata.platform_vocabulary ||
      `https://oscar.wmo.int/surface/rest/api/search/station?wigosId=${r.platform}`,
  };
  // Empty fields are left out, as protobuf's ListFields does.
  const props: Record<string, unknown> = {};
  for (const k of tsMetadataFields) {
    const v = fields[k];
    if (v !== null && v !== undefined && v !== '' && v !== 0) props[k] = v;
  }
  // E-SOH's rewrites; a key that was absent is appended, one that was present keeps its place.
  props.level = pyf(r.levelCm / 100);
  props.period = formatDurationSeconds(r.periodS);
  delete props.function;
  props.method = r.function;
  if (!('platform_name' in props)) props.platform_name = `platform-${r.platform}`;
  props.data = `${base}/collections/observations/locations/${encodeURIComponent(r.platform)}?parameter-name=${encodeURIComponent(r.parameterName)}`;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [pyf(r.lon), pyf(r.lat)] },
    properties: props,
    id: r.timeseriesId,
  };
}
