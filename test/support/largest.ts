// The largest E-SOH message the ingest accepts: every string at its limit, made of the characters that
// grow most when announced (lengths count code points, so a 4-byte character is the widest: 12 bytes
// once URL-encoded; a quote is escaped in JSON), every number at the edge of its column. What is accepted must be announceable, so tests build
// its WIS2 and E-SOH messages and check them against the notification rules.
import type { Observation } from '../../src/core/observation.js';
import { fixedLimits, type IngestLimits } from '../../src/ingest/index.js';
import type { OutboxEntry } from '../../src/storage/index.js';

/** The widest character per code point: 4 bytes in UTF-8 (two UTF-16 units), 12 once URL-encoded. */
export const WIDE = '\u{1D11E}';
/** The longest standard name of the CF table (canonical unit kg m-2 s-1). */
export const LONGEST_STANDARD_NAME =
  'tendency_of_atmosphere_mass_content_of_particulate_organic_matter_dry_aerosol_particles_expressed_as_carbon_due_to_emission_from_residential_and_commercial_combustion';

const wide = (n: number) => WIDE.repeat(n);
const quotes = (n: number) => '"'.repeat(n);

/** A naming authority of the largest size, of characters that grow when escaped or URL-encoded. */
export const LARGEST_AUTHORITY = `nl.${quotes(fixedLimits.namingAuthority - 3)}`;

/** The largest accepted message; `datetime` must lie in the hub's window. */
export function largestMessage(limits: IngestLimits, datetime: string, value = wide(fixedLimits.value)): any {
  const text = () => wide(limits.maxTextLength);
  const block = '0'.repeat(10) + '65534'; // E-SOH accepts leading zeros
  const platform = `${block}-${block}-${block}-${wide(16)}`; // 64 characters
  return {
    type: 'Feature',
    version: quotes(fixedLimits.short),
    geometry: { type: 'Point', coordinates: { lat: -89.12345678901234, lon: -179.12345678901234 } },
    links: Array.from({ length: limits.maxLinks }, (_, i) => ({
      href: `https://example.org/${i}/${'x'.repeat(fixedLimits.url - 22)}`,
      rel: quotes(fixedLimits.name),
      type: quotes(fixedLimits.name),
      hreflang: quotes(fixedLimits.short),
      title: text(),
      length: Number.MAX_SAFE_INTEGER,
    })),
    properties: {
      title: text(),
      summary: text(),
      keywords: text(),
      keywords_vocabulary: text(),
      license: text(),
      Conventions: text(),
      naming_authority: LARGEST_AUTHORITY,
      creator_type: 'institution',
      creator_name: text(),
      creator_email: text(),
      creator_url: text(),
      institution: text(),
      project: text(),
      source: text(),
      platform,
      platform_name: text(),
      platform_vocabulary: text(),
      instrument: wide(fixedLimits.instrument),
      instrument_vocabulary: text(),
      level: '-21474836.48',
      period: 'PT2147483647S',
      function: 'maximum_absolute_value',
      history: text(),
      datetime,
      start_datetime: datetime,
      end_datetime: datetime,
      processing_level: text(),
      quality_code: -2_147_483_648,
      quality_code_vocabulary: text(),
      hamsl: -21_474_836.48,
      content: {
        encoding: 'utf-8',
        standard_name: LONGEST_STANDARD_NAME,
        unit: 'kg m-2 s-1',
        value,
      },
      integrity: { method: 'sha512', value: quotes(fixedLimits.name) },
    },
  };
}

/** What the outbox relay reads back for a stored observation. */
export function outboxEntryOf(o: Observation, pubtimeMs = o.obstimeMs): OutboxEntry {
  const s = o.series;
  return {
    obstimeMs: o.obstimeMs,
    pubtimeMs,
    lon: o.lon,
    lat: o.lat,
    value: o.value,
    valueText: o.valueText,
    qualityCode: o.qualityCode,
    camsl: o.camsl,
    history: o.history,
    processingLevel: o.processingLevel,
    namingAuthority: s.namingAuthority,
    platform: s.platform,
    standardName: s.standardName,
    levelCm: s.levelCm,
    function: s.function,
    periodS: s.periodS,
    instrument: s.instrument ?? '',
    parameterName: s.parameterName,
    timeseriesId: s.timeseriesId,
    unit: s.metadata.unit,
    metadata: s.metadata,
    links: s.metadata.links,
    version: s.metadata.version,
  };
}
