// Time-series metadata as GeoJSON features, as E-SOH's formatters/geojson.py writes them: every non-empty
// metadata field in E-SOH's field order, level in metres (float), period as ISO 8601, function renamed
// method, a default platform_vocabulary and platform_name; plus a working `data` link.
import { formatDurationSeconds } from '../core/duration.js';
import type { SeriesRecord } from '../storage/index.js';
import { pyf } from './json.js';

export function itemFeature(r: SeriesRecord, base: string): Record<string, unknown> {
  const m = r.metadata;
  const props: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== null && v !== undefined && v !== '' && v !== 0) props[k] = v;
  };
  // TSMetadata field order (E-SOH protobuf), empty fields left out as protobuf's ListFields does;
  // platform_vocabulary gets its place even when empty, since E-SOH's ingest always fills it.
  for (const k of [
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
  ])
    put(k, m[k]);
  put('level', r.levelCm);
  put('function', r.function);
  put('period', r.periodS);
  put('instrument', m.instrument);
  put('instrument_vocabulary', m.instrument_vocabulary);
  put('parameter_name', m.parameter_name);
  put('timeseries_id', m.timeseries_id);
  props.platform_vocabulary = m.platform_vocabulary || undefined;
  put('platform_name', m.platform_name);
  put('quality_code_vocabulary', m.quality_code_vocabulary);
  // E-SOH's rewrites; a key that was absent is appended, one that was present keeps its place.
  props.platform_vocabulary =
    m.platform_vocabulary || `https://oscar.wmo.int/surface/rest/api/search/station?wigosId=${r.platform}`;
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
