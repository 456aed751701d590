// ISO 8601 durations as E-SOH uses them: parsed to whole seconds (no year or month part, since those have
// no fixed length) and formatted back the way Python's isodate.duration_isoformat does, with E-SOH's two
// special cases (P1D → PT24H, P0D → PT0S).

const DURATION =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export type DurationParse = { ok: true; seconds: number } | { ok: false; reason: string };

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s.replace(',', '.')));

/** Parses an ISO 8601 duration (case-insensitive) into seconds; rejects calendar parts and bad forms. */
export function parseDurationSeconds(text: string): DurationParse {
  const upper = text.trim().toUpperCase();
  const m = DURATION.exec(upper);
  if (!m || upper === 'P' || upper.endsWith('T'))
    return { ok: false, reason: `"${text}" is not an ISO 8601 duration` };
  const [, sign, years, months, weeks, days, hours, minutes, seconds] = m;
  if (years !== undefined || months !== undefined) {
    return { ok: false, reason: `"${text}" has a year or month part, which has no fixed length in seconds` };
  }
  const total =
    num(weeks) * 604800 + num(days) * 86400 + num(hours) * 3600 + num(minutes) * 60 + num(seconds);
  if (sign === '-' && total !== 0) return { ok: false, reason: `"${text}" is negative` };
  if (!Number.isInteger(total)) return { ok: false, reason: `"${text}" is not a whole number of seconds` };
  return { ok: true, seconds: total };
}

/** Formats seconds as E-SOH does: 600 → PT10M, 86400 → PT24H, 0 → PT0S, 90000 → P1DT1H. */
export function formatDurationSeconds(totalSeconds: number): string {
  if (totalSeconds === 86400) return 'PT24H';
  const negative = totalSeconds < 0;
  let rest = Math.abs(totalSeconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  let out = days ? `${days}D` : '';
  if (hours || minutes || seconds) {
    out += 'T' + (hours ? `${hours}H` : '') + (minutes ? `${minutes}M` : '') + (seconds ? `${seconds}S` : '');
  }
  if (out === '') return 'PT0S';
  return (negative ? '-P' : 'P') + out;
}
