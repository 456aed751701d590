// E-SOH's own MQTT message for one observation, built from the stored observation exactly as E-SOH's
// ingest publishes it (reference/esoh.md §3.3): the E-SOH message with id/data_id (urn:uuid), timeseries_id
// and pubtime added, level back in metres and period back as an ISO 8601 duration (with period_int).
import { randomUUID } from 'node:crypto';
import { formatUtc } from '../core/datetime.js';
import { formatDurationSeconds } from '../core/duration.js';
import { formatLevel } from '../core/series.js';
import type { OutboxEntry } from '../storage/index.js';

/** `[prefix/]{naming_authority}/{platform}/{standard_name}` */
export function esohTopic(
  prefix: string,
  e: Pick<OutboxEntry, 'namingAuthority' | 'platform' | 'standardName'>,
) {
  const topic = `${e.namingAuthority}/${e.platform}/${e.standardName}`;
  return prefix ? `${prefix}/${topic}` : topic;
}

/** Why `topic` cannot be published on, or undefined (MQTT: no wildcards, no NUL, 1…65535 bytes). */
export function topicProblem(topic: string): string | undefined {
  if (topic.length === 0) return 'the topic is empty';
  if (/[#+\u0000]/.test(topic)) return `the topic "${topic}" contains a wildcard or NUL character`;
  if (Buffer.byteLength(topic) > 65535) return 'the topic is longer than 65535 bytes';
  return undefined;
}

/** E-SOH's pubtime form: Python's isoformat(timespec="seconds") of a UTC time. */
function esohTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** The stored value as E-SOH's content.value (a string). */
export function valueString(e: Pick<OutboxEntry, 'value' | 'valueText'>): string {
  return e.value !== null ? String(e.value) : (e.valueText ?? '');
}

const optional = (key: string, value: unknown) =>
  value === null || value === undefined ? {} : { [key]: value };

/** The E-SOH message body (key order as E-SOH's pydantic model dumps it, None fields left out). */
export function esohBody(e: OutboxEntry, uuid: string = randomUUID()): Record<string, unknown> {
  const m = e.metadata;
  const id = `urn:uuid:${uuid}`;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: { lat: e.lat, lon: e.lon } },
    properties: {
      ...optional('title', m.title),
      ...optional('summary', m.summary),
      ...optional('keywords', m.keywords),
      ...optional('keywords_vocabulary', m.keywords_vocabulary),
      ...optional('license', m.license),
      ...optional('Conventions', m.Conventions),
      naming_authority: e.namingAuthority,
      ...optional('creator_type', m.creator_type),
      ...optional('creator_name', m.creator_name),
      ...optional('creator_email', m.creator_email),
      ...optional('creator_url', m.creator_url),
      ...optional('institution', m.institution),
      ...optional('project', m.project),
      ...optional('source', m.source),
      platform: e.platform,
      ...optional('platform_name', m.platform_name),
      ...optional('platform_vocabulary', m.platform_vocabulary),
      ...optional('instrument', e.instrument || null),
      ...optional('instrument_vocabulary', m.instrument_vocabulary),
      level: formatLevel(e.levelCm),
      period: formatDurationSeconds(e.periodS),
      period_int: e.periodS,
      function: e.function,
      ...optional('history', e.history),
      datetime: formatUtc(e.obstimeMs),
      ...optional('processing_level', e.processingLevel),
      ...optional('quality_code', e.qualityCode),
      ...optional('quality_code_vocabulary', m.quality_code_vocabulary),
      ...optional('hamsl', e.camsl), // E-SOH publishes hamsl converted to centimetres
      content: {
        encoding: 'utf-8',
        value: valueString(e),
        standard_name: e.standardName,
        unit: e.unit,
      },
      data_id: id,
      timeseries_id: e.timeseriesId,
      pubtime: esohTime(e.pubtimeMs),
    },
    links: e.links ?? [],
    ...optional('version', e.version),
    id,
  };
}
