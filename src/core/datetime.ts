// UTC timestamps on the wire: RFC 3339 / ISO 8601 with an explicit UTC offset (Z or +00:00).

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export type InstantParse = { ok: true; epochMs: number } | { ok: false; reason: string };

/** Parses an ISO 8601 date-time that must be in UTC; returns epoch milliseconds. */
export function parseUtcInstant(text: string): InstantParse {
  const m = ISO_DATETIME.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ssZ)` };
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  if (zone === undefined) return { ok: false, reason: `"${text}" has no time zone; it must be UTC (Z)` };
  if (!/^(Z|[+-]00(:?00)?)$/i.test(zone)) return { ok: false, reason: `"${text}" is not in UTC` };
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const date = new Date(ms);
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return { ok: false, reason: `"${text}" is not a valid date-time` };
  }
  return { ok: true, epochMs: ms + Math.floor(Number(`0.${frac || '0'}`) * 1000) };
}

const DAY_MS = 86_400_000;
/** Years 1970 to 9999: what the fast path of formatUtc writes with four digits. */
const FAST_UNTIL_MS = 253_402_300_800_000;
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * Formats epoch milliseconds as RFC 3339 UTC with second precision when possible: 2022-12-31T00:10:00Z.
 * The same text as Date#toISOString, written by arithmetic (civil date from days, H. Hinnant's
 * algorithm): it runs several times per announced observation and per value of a CoverageJSON answer,
 * where toISOString was a tenth of the CPU time.
 */
export function formatUtc(epochMs: number): string {
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs >= FAST_UNTIL_MS) {
    const iso = new Date(epochMs).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
  }
  const days = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - days * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const time = `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`;
  return ms === 0 ? `${time}Z` : `${time}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
