// coords parameters as E-SOH reads them with shapely, with its exact error texts.
import { ObshubError } from '../core/errors.js';
import { parseWkt, type WktGeometry } from '../core/wkt.js';

/** Parses `coords` and requires one geometry type; E-SOH's {"coords": …} errors otherwise. */
export function geometryOf(coords: string | undefined, type: 'Point' | 'Polygon'): WktGeometry {
  const g = coords === undefined ? null : parseWkt(coords);
  if (!g || (g.empty && g.type === type))
    throw ObshubError.queryInvalid({ coords: `Invalid or unparseable wkt provided: ${coords ?? ''}` });
  if (g.type !== type) throw ObshubError.queryInvalid({ coords: `Invalid geometric type: ${g.type}` });
  return g;
}

/** Python's str() of a float, for heights taken from coords. */
export function pyStr(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}
