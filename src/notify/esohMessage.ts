// E-SOH's own MQTT message for one observation, built from the stored observation exactly as E-SOH's
// ingest publishes it (reference/esoh.md §3.3): the E-SOH message with id/data_id (urn:uuid), timeseries_id
// and pubtime added, level back in metres and period back as an ISO 8601 duration (with period_int).
import { randomUUID } from 'node:crypto';
import { formatUtc } from '../core/datetime.js';
import { formatDurationSeconds } from '../core/duration.js';
import { memoise } from '../core/memo.js';
import { topicLevelProblem, topicProblem } from '../core/mqttTopic.js';
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

/** E-SOH's optional properties, in the order its pydantic model dumps them. */
const BEFORE_PLATFORM = [
  'title',
  'summary',
  'keywords',
  'keywords_vocabulary',
  'license',
  'Conventions',
] as const;
const CREATOR = [
  'creator_type',
  'creator_name',
  'creator_email',
  'creator_url',
  'institution',
  'project',
  'source',
];

/** The E-SOH message body (key order as E-SOH's pydantic model dumps it, None fields left out). */
export function esohBody(e: OutboxEntry, uuid: string = randomUUID()): Record<string, unknown> {
  const m = e.metadata;
  const id = `urn:uuid:${uuid}`;
  const p: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== null && value !== undefined) p[key] = value;
  };
  for (const key of BEFORE_PLATFORM) put(key, m[key]);
  p.naming_authority = e.namingAuthority;
  for (const key of CREATOR) put(key, m[key]);
  p.platform = e.platform;
  put('platform_name', m.platform_name);
  put('platform_vocabulary', m.platform_vocabulary);
  put('instrument', e.instrument || null);
  put('instrument_vocabulary', m.instrument_vocabulary);
  p.level = formatLevel(e.levelCm);
  p.period = formatDurationSeconds(e.periodS);
  p.period_int = e.periodS;
  p.function = e.function;
  put('history', e.history);
  p.datetime = formatUtc(e.obstimeMs);
  put('processing_level', e.processingLevel);
  put('quality_code', e.qualityCode);
  put('quality_code_vocabulary', m.quality_code_vocabulary);
  put('hamsl', e.camsl); // E-SOH publishes hamsl converted to centimetres
  p.content = { encoding: 'utf-8', value: valueString(e), standard_name: e.standardName, unit: e.unit };
  p.data_id = id;
  p.timeseries_id = e.timeseriesId;
  p.pubtime = esohTime(e.pubtimeMs);
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
