// GET /collections/observations/position: data at a WKT POINT (E-SOH: a 10 m circle around it).
import { Type } from 'typebox';
import { geometryOf, pyStr } from './coords.js';
import type { QueryType } from './queryTypes.js';

export const positionQuery: QueryType = {
  name: 'position',
  path: '/collections/observations/position',
  operationId: 'getPosition',
  summary: 'Observations at a point',
  description:
    'Time series of the stations within 10 m of a WKT `POINT(lon lat)` (as E-SOH). A height in the point (`POINT Z`) is used as `z` unless `z` is given.',
  errorStyle: 'esoh',
  querystring: Type.Object({
    coords: Type.String({ description: 'WKT POINT(lon lat)', examples: ['POINT(5.179705 52.0988218)'] }),
  }),
  select(query) {
    const point = geometryOf(query.coords, 'Point');
    const [lon = 0, lat = 0, z] = point.coordinates as number[];
    return {
      filter: { area: { kind: 'circle', lon, lat, radiusM: 10 } },
      z: z === undefined ? undefined : pyStr(z),
    };
  },
};
