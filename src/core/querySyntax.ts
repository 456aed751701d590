// Pure syntax of EDR query parameters as E-SOH reads them (EUMETNET/e-soh api/utilities.py): comma
// lists, datetime instants and intervals, level lists / ranges / repeating intervals (metres → cm),
// duration lists and ranges (→ seconds), bounding boxes. Errors are QUERY_INVALID with E-SOH's exact
// `detail` (a string or an object keyed by parameter), so the HTTP layer can answer as E-SOH does.
import { ObshubError } from './errors.js';

/** A numeric match: one value, or an inclusive range with optional ends. */
export type NumberMatch = { eq: number } | { min: number | null; max: number | null };

/** Most comma-separated items one query parameter may hold (E-SOH has no bound). */
export const MAX_LIST_ITEMS = 1000;

/** E-SOH's split_and_strip: split on commas and trim each item; at most MAX_LIST_ITEMS items. */
export function splitAndStrip(text: string): string[] {
  const items = text.split(',', MAX_LIST_ITEMS + 1);
  if (items.length > MAX_LIST_ITEMS) {
    throw ObshubError.queryInvalid(`At most ${MAX_LIST_ITEMS} comma-separated values per parameter`);
  }
  return items.map((s) => s.trim());
}

/** Python's float(): accepts surrounding whitespace, exponents, inf and nan; throws otherwise. */
export function pyFloat(text: string): number {
  const s = text.trim().toLowerCase().replaceAll('_', '');
  if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) throw new RangeError(`could not convert: ${text}`);
  return Number(s);
}

/** Python's int(float(m) * 100): metres to centimetres, truncated. */
function metresToCm(text: string): number {
  const cm = pyFloat(text) * 100;
  if (!Number.isFinite(cm)) throw new RangeError(`not finite: ${text}`);
  return Math.trunc(cm);
}

/**
 * Most levels one `level` or `z` parameter may name, repeating intervals expanded (E-SOH has no bound: a
 * thousand `R10000/…` items asked PostgreSQL for ten million values).
 */
export const MAX_LEVELS = 1000;

const REPEAT = /^R\d+\/\d+(\.\d+)?\/\d+(\.\d+)?$/;

const tooManyLevels = () =>
  ObshubError.queryInvalid(`At most ${MAX_LEVELS} levels per parameter, repeating intervals counted in full`);

/** Levels (cm) and periods (s) are stored as 32-bit integers: a bound beyond them names nothing stored. */
const INT32_MAX = 2_147_483_647;

function withinInt32(matches: NumberMatch[], invalid: (bound: number) => ObshubError): NumberMatch[] {
  for (const m of matches) {
    for (const bound of 'eq' in m ? [m.eq] : [m.min, m.max]) {
      if (bound !== null && !(Math.abs(bound) <= INT32_MAX)) throw invalid(bound);
    }
  }
  return matches;
}

/**
 * Levels in metres as E-SOH's get_levels_values reads them: `1.0, 2.0`, `1.0/10.0`, `../10.0`,
 * `R5/0.5/0.5`, or a mix. Returns matches in centimetres.
 */
export function parseLevels(text: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  for (const item of splitAndStrip(text)) {
    const parts = item.split('/');
    if (parts.length > 2) {
      if (!REPEAT.test(item)) throw ObshubError.queryInvalid(`Invalid levels repeating-interval: ${item}`);
      const n = Number(parts[0]!.slice(1));
      if (out.length + n > MAX_LEVELS) throw tooManyLevels();
      const start = Math.trunc(Number(parts[1]) * 100);
      const step = Math.trunc(Number(parts[2]) * 100);
      for (let i = 0; i < n; i++) out.push({ eq: start + i * step });
      continue;
    }
    if (out.length >= MAX_LEVELS) throw tooManyLevels();
    try {
      if (parts.length === 2) {
        const [a = '', b = ''] = parts;
        out.push({ min: a === '..' ? null : metresToCm(a), max: b === '..' ? null : metresToCm(b) });
      } else {
        out.push({ eq: metresToCm(item) });
      }
    } catch {
      throw ObshubError.queryInvalid(`Invalid levels value: ${item}`);
    }
  }
  return withinInt32(out, (cm) =>
    ObshubError.queryInvalid(`Invalid levels value: ${cm / 100} m is beyond ±21474836.47 m`),
  );
}

const ISO_DURATION =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** E-SOH's iso_8601_duration_to_seconds: a year is 31556926 s and a month 2629744 s. */
export function durationToSeconds(text: string): number {
  const m = ISO_DURATION.exec(text.toUpperCase());
  if (!m) throw ObshubError.queryInvalid(`Invalid ISO 8601 duration: ${text}`);
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const [, y, mo, w, d, h, mi, s] = m;
  return Math.trunc(
    n(y) * 31556926 + n(mo) * 2629744 + n(w) * 604800 + n(d) * 86400 + n(h) * 3600 + n(mi) * 60 + n(s),
  );
}

/** Durations as E-SOH's get_periods_or_range: `PT0S, PT1M`, `PT1M/PT10M`, `PT6H/..`. */
export function parseDurations(text: string): NumberMatch[] {
  const matches = splitAndStrip(text).map((item): NumberMatch => {
    if (!item.includes('/')) return { eq: durationToSeconds(item) };
    const parts = item.split('/');
    if (parts.length !== 2) throw ObshubError.queryInvalid(`Invalid ISO 8601 range format: ${item}`);
    const [start = '', end = ''] = parts;
    if (!start || !end) throw ObshubError.queryInvalid(`Invalid ISO 8601 period: ${start} / ${end}`);
    const min = start === '..' ? 0 : durationToSeconds(start);
    const max = end === '..' ? null : durationToSeconds(end);
    if (max !== null && min > max)
      throw ObshubError.queryInvalid(`Invalid ISO 8601 range: ${start} > ${end}`);
    return { min, max };
  });
  return withinInt32(matches, (seconds) =>
    ObshubError.queryInvalid(`Invalid ISO 8601 duration: ${seconds} s is beyond 2147483647 s`),
  );
}

// pydantic's AwareDatetime: a date, 'T' or ' ', hh:mm[:ss[.f]], and a zone (Z or ±hh[:]mm).
const AWARE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Parses an ISO 8601 date-time with a time zone (any offset); returns epoch ms or null. */
export function parseAwareDatetime(text: string): number | null {
  const m = AWARE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', z, sign, oh = '0', om = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const date = new Date(ms);
  if (
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return null;
  const offset = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return ms - offset + Math.floor(Number(`0.${frac || '0'}`) * 1000);
}

/** An inclusive time interval in epoch ms; null ends are open. */
export interface TimeInterval {
  startMs: number | null;
  endMs: number | null;
}

/**
 * E-SOH's datetime parameter: an instant `T` (matches T exactly, to the second), `A/B`, `../B`, `A/..`.
 * Both ends are inclusive.
 */
export function parseDatetime(text: string): TimeInterval {
  const parts = text.split('/').map((s) => s.trim());
  const parse = (s: string): number => {
    const ms = parseAwareDatetime(s);
    if (ms === null) throw ObshubError.queryInvalid({ datetime: `Invalid format: ${text}` });
    return ms;
  };
  if (parts.length === 1) {
    const t = parse(parts[0]!);
    return { startMs: t, endMs: t + 999 };
  }
  const [a = '', b = ''] = parts;
  const startMs = a === '..' ? null : parse(a);
  const endMs = b === '..' ? null : parse(b) + 999;
  // E-SOH compares whole seconds after adding its one second to the end.
  if (startMs !== null && endMs !== null && Math.floor(startMs / 1000) > Math.floor(endMs / 1000) + 1) {
    throw ObshubError.queryInvalid({ datetime: `Invalid range: ${a} > ${b}` });
  }
  return { startMs, endMs };
}

export type Bbox = [west: number, south: number, east: number, north: number];

/** E-SOH's validate_bbox for /locations: four floats, ordered, at most 90° wide, inside the globe. */
export function parseEsohBbox(text: string): Bbox {
  const errors: Record<string, string> = {};
  const parts = text.split(',');
  let values: number[] = [];
  try {
    if (parts.length !== 4) throw new RangeError('four values');
    values = parts.map(pyFloat);
  } catch {
    throw ObshubError.queryInvalid({ bbox: `Invalid format: ${text}` });
  }
  const [left = 0, bottom = 0, right = 0, top = 0] = values;
  if (left > right || bottom > top) errors.range = `Invalid bbox range: ${text}`;
  if (Math.abs(left - right) > 90 || Math.abs(bottom - top) > 90)
    errors.range = `Maximum bbox range is 90 degrees: ${text}`;
  if (!(left >= -180 && left <= 180) || !(right >= -180 && right <= 180))
    errors.longitude = `Invalid longitude: ${text}`;
  if (!(bottom >= -90 && bottom <= 90) || !(top >= -90 && top <= 90))
    errors.latitude = `Invalid latitude: ${text}`;
  if (Object.keys(errors).length > 0) throw ObshubError.queryInvalid(errors);
  return [left, bottom, right, top];
}

/** A plain bbox (west,south,east,north[,…]) of 4 or 6 numbers, for /items and cube; no span limit. */
export function parseBbox(text: string): Bbox {
  const parts = text.split(',');
  let v: number[];
  try {
    v = parts.map(pyFloat);
  } catch {
    throw ObshubError.queryInvalid({ bbox: `Invalid format: ${text}` });
  }
  if ((v.length !== 4 && v.length !== 6) || v.some((x) => !Number.isFinite(x)))
    throw ObshubError.queryInvalid({ bbox: `Invalid format: ${text}` });
  return v.length === 4 ? [v[0]!, v[1]!, v[2]!, v[3]!] : [v[0]!, v[1]!, v[3]!, v[4]!];
}

/** Python's repr() of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

/** Python's repr() of a list of str: ['a', 'b']. */
export function pyListRepr(items: readonly string[]): string {
  return `[${items.map(pyStrRepr).join(', ')}]`;
}

/** Distance units of radius queries, in metres. */
export const distanceUnits: Readonly<Record<string, number>> = { km: 1000, m: 1, mi: 1609.344 };
