// Time-series identity exactly as E-SOH computes it, so that ids and names match E-SOH's responses:
// parameter_name = standard_name:level_m:function:period and timeseries_id = md5 of the identity.
import { createHash } from 'node:crypto';
import { formatDurationSeconds } from './duration.js';
import { pyFloatRepr } from './pyfloat.js';

export interface SeriesIdentity {
  namingAuthority: string;
  platform: string;
  standardName: string;
  /** Level above ground in centimetres, as E-SOH stores it: trunc(metres × 100). */
  levelCm: number;
  function: string;
  periodS: number;
  instrument: string | null;
}

/** Each identity field's column in time_series and its SQL type, in the order of the table's unique key. */
export const seriesIdentityColumns: {
  readonly [F in keyof SeriesIdentity]: { readonly column: string; readonly sqlType: 'text' | 'integer' };
} = {
  namingAuthority: { column: 'naming_authority', sqlType: 'text' },
  platform: { column: 'platform', sqlType: 'text' },
  standardName: { column: 'standard_name', sqlType: 'text' },
  levelCm: { column: 'level', sqlType: 'integer' },
  function: { column: 'function', sqlType: 'text' },
  periodS: { column: 'period', sqlType: 'integer' },
  instrument: { column: 'instrument', sqlType: 'text' },
};

/**
 * E-SOH's level conversion: int(float(level) * 100), truncating toward zero like Python's int(). Python's
 * integers have no negative zero, so neither does this (-0.001 m is 0 cm, named `0.0`, not `-0.0`).
 */
export function levelToCm(metres: number): number {
  return Math.trunc(metres * 100) + 0;
}

/** Level in metres as E-SOH prints it: str(cm / 100), e.g. 200 → "2.0", 150 → "1.5". */
export function formatLevel(levelCm: number): string {
  return pyFloatRepr(levelCm / 100);
}

export function parameterName(
  s: Pick<SeriesIdentity, 'standardName' | 'levelCm' | 'function' | 'periodS'>,
): string {
  return `${s.standardName}:${formatLevel(s.levelCm)}:${s.function}:${formatDurationSeconds(s.periodS)}`;
}

/** md5(naming_authority + platform + standard_name + level_cm + function + period_s), no separators. */
export function timeseriesId(s: SeriesIdentity): string {
  const key = `${s.namingAuthority}${s.platform}${s.standardName}${s.levelCm}${s.function}${s.periodS}`;
  return createHash('md5').update(key).digest('hex');
}

/** A string key for the full identity (instrument included): de-duplication and lookups. */
export function seriesKey(s: SeriesIdentity): string {
  return `${s.namingAuthority}\u0001${s.platform}\u0001${s.standardName}\u0001${s.levelCm}\u0001${s.function}\u0001${s.periodS}\u0001${s.instrument ?? ''}`;
}
