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

/** Formats epoch milliseconds as RFC 3339 UTC with second precision when possible: 2022-12-31T00:10:00Z. */
export function formatUtc(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
