// Decoded BUFR to E-SOH ingest messages, the same JSON that POST /ingest/json accepts: one message per
// observed value of each subset, with the station (WIGOS id, name, position, height), the time, and the
// level, period and cell method that the descriptors before the value set. Pure code, no I/O.
import { BufrError, bufrMessages, type BufrMessage, type DataItem } from '@obshub/bufr';
import { formatDurationSeconds } from '../../core/duration.js';
import type { EsohLink, EsohMessage } from '../esohMessage.js';
import { observedElements, type ObservedElement } from './observedElements.js';
import { type Station, SubsetContext } from './subsetContext.js';

export interface BufrMappingOptions {
  /** The provider's naming authority (reverse DNS), e.g. nl.knmi. */
  namingAuthority: string;
  license: string;
  links: EsohLink[];
  summary?: string;
  /** The file's name, to say where a problem is. */
  file?: string;
}

/** Where in the input something was found. */
export interface BufrLocation {
  file?: string;
  /** Index of the message in the file. */
  message: number;
  subset?: number;
  descriptor?: string;
  /** Byte offset in the file (decoding errors). */
  offset?: number;
}

/** Where in the input something was found, and what. */
export interface BufrProblem extends BufrLocation {
  reason: string;
}

export interface BufrMapping {
  messages: EsohMessage[];
  /** Where each message's value was found: file, message, subset and descriptor (same order as `messages`). */
  origins: BufrLocation[];
  /** Subsets or values that could not become messages, and decoding errors. */
  problems: BufrProblem[];
  /** Measured values (classes 10 to 29 with a physical unit) that have no E-SOH mapping. */
  unmapped: BufrProblem[];
}

/** "file.bufr message 0 subset 3 descriptor 012101" */
export function describeLocation(p: BufrLocation): string {
  const where = [
    p.file ?? 'BUFR input',
    `message ${p.message}`,
    p.subset === undefined ? '' : `subset ${p.subset}`,
    p.descriptor === undefined ? '' : `descriptor ${p.descriptor}`,
    p.offset === undefined ? '' : `byte ${p.offset}`,
  ];
  return where.filter(Boolean).join(' ');
}

/** "file.bufr message 0 subset 3 descriptor 012101: reason" */
export const describeProblem = (p: BufrProblem): string => `${describeLocation(p)}: ${p.reason}`;

/** E-SOH's platform: the WIGOS id, or the WMO block and station number in WIGOS form (0-20000-0-BBSSS). */
function platformOf(station: Station): string | undefined {
  const { wigosSeries, wigosIssuer, wigosIssueNumber, wigosLocal } = station;
  if (wigosLocal && wigosSeries !== null && wigosIssuer !== null && wigosIssueNumber !== null) {
    return `${wigosSeries}-${wigosIssuer}-${wigosIssueNumber}-${wigosLocal}`;
  }
  if (station.block !== null && station.number !== null) {
    return `0-20000-0-${String(station.block).padStart(2, '0')}${String(station.number).padStart(3, '0')}`;
  }
  return undefined;
}

function datetimeOf(station: Station): string | undefined {
  const { year, month, day, hour, minute = 0, second = 0 } = station.time;
  if (year === undefined || month === undefined || day === undefined || hour === undefined) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  return date.toISOString().replace('.000Z', 'Z');
}

/** Heights as E-SOH writes them: one decimal at least ("2.0", "10.0", "1.25"). */
const formatLevel = (metres: number): string =>
  Number.isInteger(metres * 10) ? metres.toFixed(1) : String(metres);

interface Observed {
  element: ObservedElement;
  item: DataItem & { value: number };
  level: number;
  periodS: number;
  function: string;
}

/** The level, period and cell method of one observed value, or why it has none. */
function qualify(
  element: ObservedElement,
  item: DataItem & { value: number },
  context: SubsetContext,
): Observed | string {
  const level = context.sensorHeight ?? element.defaultLevel;
  const fn = element.function ?? context.function ?? 'point';
  let periodS = element.fixedPeriodS ?? (element.periodic || fn !== 'point' ? context.periodS : 0);
  if (periodS === null) {
    if (element.periodic) return 'no time period (0 04 024, 0 04 025 …) precedes this value';
    periodS = 0;
  }
  return { element, item, level, periodS, function: fn };
}

function valueText(observed: Observed): string | undefined {
  const { element, item } = observed;
  if (element.convert) {
    const converted = element.convert(item.value);
    return converted === undefined ? undefined : String(converted);
  }
  return item.value.toFixed(Math.max(0, item.scale) + (element.extraDecimals ?? 0));
}

const isMeasured = (item: DataItem): boolean => {
  const cls = Number(item.descriptor.slice(1, 3));
  return (
    item.value !== null &&
    item.descriptor.startsWith('0') &&
    cls >= 10 &&
    cls <= 29 &&
    !['CODE TABLE', 'FLAG TABLE', 'Numeric', 'CCITT IA5'].includes(item.unit)
  );
};

/** Maps decoded BUFR messages to E-SOH messages. */
export function bufrToEsoh(decoded: readonly BufrMessage[], options: BufrMappingOptions): BufrMapping {
  const result: BufrMapping = { messages: [], origins: [], problems: [], unmapped: [] };
  const summary = options.summary ?? 'Surface observations decoded from WMO BUFR (FM 94)';
  for (const message of decoded) {
    message.subsets.forEach((items, subset) => {
      const at = { ...(options.file ? { file: options.file } : {}), message: message.index, subset };
      const context = new SubsetContext();
      const observed: Observed[] = [];
      for (const item of items) {
        if (context.take(item)) continue;
        const element = observedElements.get(item.descriptor);
        if (!element) {
          if (isMeasured(item))
            result.unmapped.push({ ...at, descriptor: item.descriptor, reason: item.name });
          continue;
        }
        if (typeof item.value !== 'number') continue; // missing
        const qualified = qualify(element, item as DataItem & { value: number }, context);
        if (typeof qualified === 'string') {
          result.problems.push({ ...at, descriptor: item.descriptor, reason: qualified });
        } else observed.push(qualified);
      }
      if (observed.length === 0) return;

      const { station } = context;
      const platform = platformOf(station);
      const datetime = datetimeOf(station);
      const missing = [
        platform ? '' : 'no station identifier (0 01 125–0 01 128 or 0 01 001 and 0 01 002)',
        datetime ? '' : 'no valid observation time (0 04 001–0 04 004)',
        station.latitude !== null && station.longitude !== null ? '' : 'no position (0 05 001, 0 06 001)',
      ].filter(Boolean);
      if (missing.length > 0) {
        result.problems.push({
          ...at,
          reason: `${missing.join('; ')}: its ${observed.length} values are left out`,
        });
        return;
      }
      for (const value of observed) {
        const text = valueText(value);
        if (text === undefined) {
          result.problems.push({
            ...at,
            descriptor: value.item.descriptor,
            reason: `${value.item.value} ${value.item.unit} cannot be expressed in ${value.element.unit}`,
          });
          continue;
        }
        result.messages.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: { lat: station.latitude!, lon: station.longitude! } },
          properties: {
            summary,
            license: options.license,
            Conventions: 'CF-1.8',
            naming_authority: options.namingAuthority,
            platform: platform!,
            ...(station.name ? { platform_name: station.name } : {}),
            level: formatLevel(value.level),
            period: formatDurationSeconds(value.periodS),
            function: value.function as EsohMessage['properties']['function'],
            datetime: datetime!,
            ...(station.heightAboveSeaLevel === null ? {} : { hamsl: station.heightAboveSeaLevel }),
            content: {
              encoding: 'utf-8',
              standard_name: value.element.standardName,
              unit: value.element.unit,
              value: text,
            },
          },
          links: options.links,
          version: '4.0',
        });
        result.origins.push({ ...at, descriptor: value.item.descriptor });
      }
    });
  }
  return result;
}

/**
 * Decodes a BUFR file and maps it. A message that cannot be decoded becomes a problem with its byte offset;
 * the messages before it are mapped, the rest of the file is not read.
 */
export function bufrFileToEsoh(bytes: Uint8Array, options: BufrMappingOptions): BufrMapping {
  const decoded: BufrMessage[] = [];
  let failure: BufrProblem | undefined;
  try {
    for (const message of bufrMessages(bytes)) decoded.push(message);
  } catch (error) {
    if (!(error instanceof BufrError)) throw error;
    const file = options.file ? { file: options.file } : {};
    failure = { ...file, message: decoded.length, offset: error.offset, reason: error.detail };
  }
  const result = bufrToEsoh(decoded, options);
  if (failure) result.problems.push(failure);
  return result;
}
