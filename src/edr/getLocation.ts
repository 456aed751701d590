// GET /collections/observations/locations/{location_id}: the data of one station (WIGOS id).
import { Type } from 'typebox';
import type { QueryType } from './queryTypes.js';

export const locationQuery: QueryType = {
  name: 'locations',
  path: '/collections/observations/locations/:location_id',
  operationId: 'getLocation',
  summary: 'Observations of one station',
  description:
    'Time series of one station, by WIGOS id; the station list is at /collections/observations/locations.',
  errorStyle: 'esoh',
  querystring: Type.Object({}),
  params: Type.Object({
    location_id: Type.String({ description: 'WIGOS station id', examples: ['0-20000-0-06260'] }),
  }),
  select(_query, params) {
    return { filter: { platforms: [params.location_id ?? ''] } };
  },
};
