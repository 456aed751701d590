// WIS2 Notification Message (WNM 1.x, WMO-No. 1060 Vol. II Appendix E) for one observation: a meaningful,
// deterministic data_id, the WCMP2 record as metadata_id, the canonical link to the observation's EDR
// query, and the value inline (a small GeoJSON Feature, as E-SOH embeds it) when it fits.
import { hash, randomUUID } from 'node:crypto';
import { formatUtc } from '../core/datetime.js';
import { formatDurationSeconds } from '../core/duration.js';
import { memoise } from '../core/memo.js';
import { formatLevel } from '../core/series.js';
import type { OutboxEntry } from '../storage/index.js';
import { valueString } from './esohMessage.js';

export const WNM_CONFORMANCE = 'http://wis.wmo.int/spec/wnm/1/conf/core';
export const MAX_MESSAGE_BYTES = 8192;
export const MAX_CONTENT_BYTES = 4096;
export const COVERAGE_JSON = 'application/prs.coverage+json';

export interface WnmSettings {
  centreId: string;
  dataPolicy: string;
  /** Levels 7 and below, e.g. weather/surface-based-observations/synop. */
  subTopic: string;
  metadataId: string;
  /** Base URL of the hub, without a trailing slash. */
  publicUrl: string;
}

/** 20260901T120000Z (milliseconds kept when present: 20260901T120000.500Z). */
function compactTime(ms: number): string {
  return formatUtc(ms).replaceAll('-', '').replaceAll(':', '');
}

/**
 * A data_id that says what the observation is, unique within the dataset and stable when re-announced:
 * `wis2/{centre-id}/data/{policy}/{topic}/{platform}/{naming_authority}/{parameter_name}[/{instrument}]/{time}`.
 */
export function dataId(s: WnmSettings, e: OutboxEntry): string {
  return `${dataIdOfSeries(s, e)}/${compactTime(e.obstimeMs)}`;
}

/** The data_id without the time: the same for every observation of a series. */
const dataIdOfSeries = memoise(
  (s: WnmSettings, e: OutboxEntry) =>
    `${s.centreId} ${s.dataPolicy} ${s.subTopic} ${e.platform} ${e.namingAuthority} ${e.parameterName} ${e.instrument}`,
  (s: WnmSettings, e: OutboxEntry) => {
    const parts = [e.platform, e.namingAuthority, e.parameterName, ...(e.instrument ? [e.instrument] : [])];
    const encoded = parts.map((p) => encodeURIComponent(p).replaceAll('%3A', ':'));
    return `wis2/${s.centreId}/data/${s.dataPolicy}/${s.subTopic}/${encoded.join('/')}`;
  },
);

/** The EDR query that returns exactly this observation (CoverageJSON). */
export function edrLink(publicUrl: string, e: OutboxEntry): string {
  // A date-time's characters are encoded alike by URLSearchParams and encodeURIComponent.
  return `${seriesLink(publicUrl, e.platform, e.parameterName)}&datetime=${encodeURIComponent(formatUtc(e.obstimeMs))}`;
}

const seriesLink = memoise(
  (publicUrl: string, platform: string, parameterName: string) => `${publicUrl} ${platform} ${parameterName}`,
  (publicUrl: string, platform: string, parameterName: string) =>
    `${publicUrl}/collections/observations/locations/${encodeURIComponent(platform)}?${new URLSearchParams({ 'parameter-name': parameterName }).toString()}`,
);

/** The inline content: a GeoJSON Feature with the value (E-SOH's keys) and the series it belongs to. */
export function inlineContent(e: OutboxEntry): string {
  return JSON.stringify({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
    properties: {
      wigos_station_identifier: e.platform,
      datetime: formatUtc(e.obstimeMs),
      parameter_name: e.parameterName,
      CF_standard_name: e.standardName,
      level: formatLevel(e.levelCm),
      function: e.function,
      period: formatDurationSeconds(e.periodS),
      observation: e.value ?? e.valueText,
      unit: e.unit,
      ...(e.qualityCode !== null ? { quality_code: e.qualityCode } : {}),
    },
  });
}

export function buildWnm(
  s: WnmSettings,
  e: OutboxEntry,
  options: { pubtimeMs?: number; uuid?: string; withValue?: boolean } = {},
): Record<string, unknown> {
  // Without the value (recommended data): the notification only links to the data, which needs credentials.
  const withValue = options.withValue ?? true;
  const content = inlineContent(e);
  const size = Buffer.byteLength(content, 'utf8');
  const datetime = formatUtc(e.obstimeMs);
  const properties: Record<string, unknown> = {
    data_id: dataId(s, e),
    metadata_id: s.metadataId,
    pubtime: formatUtc(options.pubtimeMs ?? Date.now()),
    datetime,
    producer: e.namingAuthority,
    wigos_station_identifier: e.platform,
  };
  if (withValue && size < MAX_CONTENT_BYTES) {
    properties.integrity = { method: 'sha512', value: hash('sha512', content, 'base64') };
    properties.content = { encoding: 'utf-8', size, value: content };
  }
  const message = {
    id: options.uuid ?? randomUUID(),
    conformsTo: [WNM_CONFORMANCE],
    type: 'Feature',
    geometry: {
      type: 'Point',
      coordinates: e.camsl === null ? [e.lon, e.lat] : [e.lon, e.lat, e.camsl / 100],
    },
    properties,
    links: [
      {
        href: edrLink(s.publicUrl, e),
        rel: 'canonical',
        type: COVERAGE_JSON,
        title: `${e.parameterName} at ${e.platform}, ${datetime}${withValue ? ` (${valueString(e)} ${e.unit})` : ''}`,
      },
    ],
  };
  // Never over the 8192-byte limit: a message that would be is sent without its inline copy.
  // (Only a large inline value can make it so; the rest of the message is a few hundred bytes.)
  if (
    size > 1024 &&
    'content' in properties &&
    Buffer.byteLength(JSON.stringify(message)) > MAX_MESSAGE_BYTES
  ) {
    delete properties.content;
    delete properties.integrity;
  }
  return message;
}
