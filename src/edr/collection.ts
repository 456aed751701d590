// The collection document of `observations`, as E-SOH builds it (api/metadata_endpoints.py), from the
// series summaries: extents, custom dimensions, parameter_names; data_queries from the query registry.
import { formatUtc } from '../core/datetime.js';
import { formatDurationSeconds } from '../core/duration.js';
import type { DataExtent, ParameterRow } from '../storage/index.js';
import { encoders } from './encoders.js';
import { pyf } from './json.js';
import { collectionParameter } from './parameters.js';
import { queryTypes } from './queryTypes.js';

export const COLLECTION_ID = 'observations';

const sortedUnique = <T>(values: T[], compare: (a: T, b: T) => number): T[] =>
  [...new Set(values)].sort(compare);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number, b: number) => a - b;

export function collectionDocument(
  base: string,
  extent: DataExtent,
  parameters: ParameterRow[],
  isSelf: boolean,
): Record<string, unknown> {
  const standardNames = sortedUnique(
    parameters.map((p) => p.standardName),
    byText,
  );
  const levels = sortedUnique(
    parameters.map((p) => p.levelCm),
    byNumber,
  );
  const methods = sortedUnique(
    parameters.map((p) => p.function),
    byText,
  );
  const periods = sortedUnique(
    parameters.map((p) => p.periodS),
    byNumber,
  );
  const custom = (id: string, values: unknown[], reference: string) => ({
    id,
    interval: [[values[0] ?? null, values.at(-1) ?? null]],
    values,
    reference,
  });
  const interval = extent.interval;
  const outputFormats = encoders.map((e) => e.name);
  return {
    id: COLLECTION_ID,
    title: 'Meteorological Observations in Europe',
    links: [
      { href: `${base}/collections/${COLLECTION_ID}`, rel: isSelf ? 'self' : 'data' },
      { href: 'https://creativecommons.org/licenses/by/4.0/', rel: 'license', type: 'text/html' },
    ],
    extent: {
      spatial: { bbox: [extent.bbox ? extent.bbox.map((v) => pyf(v)) : []], crs: 'OGC:CRS84' },
      temporal: {
        interval: [interval ? interval.map(formatUtc) : [null, null]],
        values: interval ? [`${formatUtc(interval[0])}/${formatUtc(interval[1])}`] : [],
        trs: 'Gregorian',
      },
      custom: [
        custom('standard_name', standardNames, 'https://vocab.nerc.ac.uk/standard_name/'),
        custom(
          'level',
          levels.map((l) => pyf(l / 100)),
          'Height of measurement above ground level in meters',
        ),
        custom('method', methods, 'Time aggregation functions'),
        custom(
          'duration',
          periods.map(formatDurationSeconds),
          'https://en.wikipedia.org/wiki/ISO_8601#Durations',
        ),
      ],
    },
    data_queries: Object.fromEntries(
      queryTypes.map((q) => [
        q.name,
        {
          link: {
            href: `${base}/collections/${COLLECTION_ID}/${q.name}`,
            rel: 'data',
            variables: {
              query_type: q.name,
              output_format: outputFormats,
              output_formats: outputFormats,
              default_output_format: outputFormats[0],
              ...q.variables,
            },
          },
        },
      ]),
    ),
    crs: ['OGC:CRS84'],
    output_formats: outputFormats,
    parameter_names: Object.fromEntries(
      [...parameters]
        .sort((a, b) => byText(a.parameterName, b.parameterName))
        .map((p) => [p.parameterName, collectionParameter(p)]),
    ),
    // Beyond E-SOH (after its keys): the items are GeoJSON features, for OGC API - Features clients.
    itemType: 'feature',
  };
}
