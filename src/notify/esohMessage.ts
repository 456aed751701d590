// E-SOH's own MQTT message for one observation, built from the stored observation exactly as E-SOH's
// ingest publishes it (reference/esoh.md §3.3): the E-SOH message with id/data_id (urn:uuid), timeseries_id
// and pubtime added, level back in metres and period back as an ISO 8601 duration (with period_int).
import { randomUUID } from 'node:crypto';
import { formatUtc } from '../core/datetime.js';
import { formatDurationSeconds } from '../core/duration.js';
import { memoise } from '../core/memo.js';
import { topicLevelProblem, topicProblem } from '../core/mqttTopic.js';
import { esohMessageProperties, type EsohBuiltProperty } from '../core/observation.js';
import { formatLevel } from '../core/series.js';
import type { OutboxEntry } from '../storage/index.js';

export { topicProblem };

/** `[prefix/]{naming_authority}/{platform}/{standard_name}` */
export function esohTopic(
  prefix: string,
  e: Pick<OutboxEntry, 'namingAuthority' | 'platform' | 'standardName'>,
) {
  const topic = `${e.namingAuthority}/${e.platform}/${e.standardName}`;
  return prefix ? `${prefix}/${topic}` : topic;
}

/** Why the E-SOH topic of `e` cannot be published on (each level built from data checked), or undefined. */
export function esohTopicProblem(
  prefix: string,
  e: Pick<OutboxEntry, 'namingAuthority' | 'platform' | 'standardName'>,
): string | undefined {
  return topicProblemOf(prefix, e.namingAuthority, e.platform, e.standardName);
}

/** The same for every observation of a series: checked once per topic. */
const topicProblemOf = memoise(
  (prefix: string, namingAuthority: string, platform: string, standardName: string) =>
    `${prefix}\u0001${namingAuthority}\u0001${platform}\u0001${standardName}`,
  (prefix: string, namingAuthority: string, platform: string, standardName: string) => {
    const levels = { naming_authority: namingAuthority, platform, standard_name: standardName };
    for (const [name, level] of Object.entries(levels)) {
      const problem = topicLevelProblem(level);
      if (problem) return `${name} "${level}" ${problem}`;
    }
    return topicProblem(esohTopic(prefix, { namingAuthority, platform, standardName }));
  },
);

/** E-SOH's pubtime form: Python's isoformat(timespec="seconds") of a UTC time. */
function esohTime(ms: number): string {
  return `${formatUtc(Math.floor(ms / 1000) * 1000).slice(0, 19)}+00:00`;
}

/** The stored value as E-SOH's content.value (a string). */
export function valueString(e: Pick<OutboxEntry, 'value' | 'valueText'>): string {
  return e.value !== null ? String(e.value) : (e.valueText ?? '');
}

/**
 * How each E-SOH message property that is not a series text field is built; null or undefined: left out,
 * as E-SOH's model leaves out None. The order is the one field table's (core/observation.ts).
 */
const builtProperties: { readonly [K in EsohBuiltProperty]: (e: OutboxEntry, id: string) => unknown } = {
  naming_authority: (e) => e.namingAuthority,
  platform: (e) => e.platform,
  instrument: (e) => e.instrument || null,
  level: (e) => formatLevel(e.levelCm),
  period: (e) => formatDurationSeconds(e.periodS),
  period_int: (e) => e.periodS,
  function: (e) => e.function,
  history: (e) => e.history,
  datetime: (e) => formatUtc(e.obstimeMs),
  processing_level: (e) => e.processingLevel,
  quality_code: (e) => e.qualityCode,
  hamsl: (e) => e.camsl, // E-SOH publishes hamsl converted to centimetres
  content: (e) => ({ encoding: 'utf-8', value: valueString(e), standard_name: e.standardName, unit: e.unit }),
  data_id: (_, id) => id,
  timeseries_id: (e) => e.timeseriesId,
  pubtime: (e) => esohTime(e.pubtimeMs),
};

/** Every property with how its value is read, in E-SOH's order. */
const properties: readonly (readonly [string, (e: OutboxEntry, id: string) => unknown])[] =
  esohMessageProperties.map((p) =>
    'column' in p ? [p.key, (e: OutboxEntry) => e.metadata[p.column]] : [p.key, builtProperties[p.key]],
  );

/** The E-SOH message body (key order as E-SOH's pydantic model dumps it, None fields left out). */
export function esohBody(e: OutboxEntry, uuid: string = randomUUID()): Record<string, unknown> {
  const id = `urn:uuid:${uuid}`;
  const p: Record<string, unknown> = {};
  for (const [key, valueOf] of properties) {
    const value = valueOf(e, id);
    if (value !== null && value !== undefined) p[key] = value;
  }
  const body: Record<string, unknown> = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: { lat: e.lat, lon: e.lon } },
    properties: p,
    links: e.links ?? [],
  };
  if (e.version !== null) body.version = e.version;
  body.id = id;
  return body;
}
