// Every limit of an ingest request, in one place (README, "Validation rules"). Operators may change three
// of them (settings); the rest are fixed because an announcement depends on them: the naming authority,
// the platform, the instrument and a text value are part of every WIS2 notification, which must stay
// under 8192 bytes (a test builds the notification of the largest accepted message), and the other
// strings are repeated in every E-SOH message of their series. The ranges of the numbers come from the
// database's column types (columnRanges in core/observation.ts).
import { ObshubError } from '../core/errors.js';

/** The limits an operator may change: INGEST_MAX_MESSAGES, INGEST_MAX_TEXT_LENGTH, INGEST_MAX_LINKS. */
export interface IngestLimits {
  /** Messages in one request (checked before anything else, on the raw body too). */
  maxMessages: number;
  /** Characters of each descriptive text: title, summary, license, creator_*, history, link titles… */
  maxTextLength: number;
  /** Links of one message. */
  maxLinks: number;
}

/** Limits that are not settings (characters are Unicode code points, as Python's len() counts them). */
export const fixedLimits = {
  /** naming_authority: a topic level and part of every WIS2 data_id (the admin API allows 255 too). */
  namingAuthority: 255,
  /** platform: a WIGOS id (16-character local identifier) and a topic level. */
  platform: 64,
  /** instrument: part of the series identity and of the WIS2 data_id. */
  instrument: 128,
  /** content.value: a value that is not a number is kept as text and shown in every notification. */
  value: 256,
  /** Names: content.standard_name, links[].rel and type, integrity.value. */
  name: 255,
  /** Short fields: level, period, the datetimes, coordinates and units given as text, version, hreflang. */
  short: 64,
  /** links[].href. */
  url: 2048,
  /** Comma-separated keywords in `keywords`. */
  keywords: 100,
  /** Nesting of the JSON body (an E-SOH batch needs 4 levels), measured before it is parsed. */
  depth: 16,
  /** Items of any array but the batch itself (E-SOH messages have only `links`, limited further), measured before the body is parsed. */
  arrayItems: 1000,
  /** Problems listed in a 422 answer; the answer also counts the invalid messages. */
  listedProblems: 100,
  /** Values the BUFR messages of one request may expand to together (decoding time is about proportional). */
  bufrValues: 2_000_000,
} as const;

/** 413 for a batch with more messages than allowed. */
export function tooManyMessages(max: number): ObshubError {
  return new ObshubError(
    'BATCH_TOO_LARGE',
    `the batch has more than ${max} messages (INGEST_MAX_MESSAGES); send at most ${max} per request`,
  );
}
