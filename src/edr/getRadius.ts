// GET /collections/observations/radius: data within a distance of a point (beyond E-SOH).
import { Type } from 'typebox';
import { ObshubError } from '../core/errors.js';
import { distanceUnits, pyFloat } from '../core/querySyntax.js';
import { geometryOf } from './coords.js';
import type { QueryType } from './queryTypes.js';

const units = Object.keys(distanceUnits);

export const radiusQuery: QueryType = {
  name: 'radius',
  path: '/collections/observations/radius',
  operationId: 'getRadius',
  summary: 'Observations within a distance of a point',
  description: `Time series of the stations within \`within\` \`within-units\` (${units.join(', ')}) of a WKT POINT, measured on the WGS 84 spheroid.`,
  errorStyle: 'problem',
  querystring: Type.Object({
    coords: Type.String({ description: 'WKT POINT(lon lat)', examples: ['POINT(5.179705 52.0988218)'] }),
    within: Type.String({ description: 'The distance', examples: ['40'] }),
    'within-units': Type.String({ description: `Unit of within: ${units.join(', ')}`, examples: units }),
  }),
  variables: { within_units: units },
  select(query) {
    const point = geometryOf(query.coords, 'Point');
    const [lon = 0, lat = 0] = point.coordinates as number[];
    let within: number;
    try {
      within = pyFloat(query.within ?? '');
    } catch {
      within = NaN;
    }
    if (!Number.isFinite(within) || within < 0)
      throw ObshubError.queryInvalid({
        within: `within must be a distance of 0 or more, not "${query.within ?? ''}"`,
      });
    const unit = query['within-units'] ?? '';
    const factor = Object.hasOwn(distanceUnits, unit) ? distanceUnits[unit] : undefined;
    if (factor === undefined)
      throw ObshubError.queryInvalid({
        'within-units': `within-units must be one of ${units.join(', ')}, not "${query['within-units'] ?? ''}"`,
      });
    return { filter: { area: { kind: 'circle', lon, lat, radiusM: within * factor } } };
  },
};
