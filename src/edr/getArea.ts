// GET /collections/observations/area: data inside a WKT POLYGON (geodesic edges, as E-SOH).
import { Type } from 'typebox';
import { geometryOf, pyStr } from './coords.js';
import type { QueryType } from './queryTypes.js';

export const areaQuery: QueryType = {
  name: 'area',
  path: '/collections/observations/area',
  operationId: 'getArea',
  summary: 'Observations inside a polygon',
  description:
    'Time series of the stations inside a WKT `POLYGON((lon lat, …))`; a CoverageCollection when several coverages match. A 3-D polygon selects heights from its lowest to its highest z unless `z` is given.',
  errorStyle: 'esoh',
  querystring: Type.Object({
    coords: Type.String({
      description: 'WKT POLYGON((lon lat, …))',
      examples: ['POLYGON((5.0 52.0, 6.0 52.0,6.0 52.1,5.0 52.1, 5.0 52.0))'],
    }),
  }),
  select(query) {
    const polygon = geometryOf(query.coords, 'Polygon');
    const ring = (polygon.coordinates as number[][][])[0]!;
    const zs = ring.map((p) => p[2]).filter((z): z is number => z !== undefined);
    return {
      filter: { area: { kind: 'polygon', ring } },
      z: zs.length ? `${pyStr(Math.min(...zs))}/${pyStr(Math.max(...zs))}` : undefined,
    };
  },
};
