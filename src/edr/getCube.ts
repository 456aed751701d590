// GET /collections/observations/cube: data inside a longitude/latitude box and a height range (beyond E-SOH).
import { Type } from 'typebox';
import { parseBbox, parseLevels } from '../core/querySyntax.js';
import type { QueryType } from './queryTypes.js';

export const cubeQuery: QueryType = {
  name: 'cube',
  path: '/collections/observations/cube',
  operationId: 'getCube',
  summary: 'Observations inside a box and a height range',
  description:
    'Time series of the stations inside `bbox` (west,south,east,north in CRS84; a 6-number box has its heights replaced by `z`) whose sensor height above ground lies in `z` (metres: values, ranges, `Rn/start/step`).',
  errorStyle: 'problem',
  querystring: Type.Object({
    bbox: Type.String({ description: 'west,south,east,north', examples: ['4.5,52.0,6.0,53.0'] }),
    z: Type.String({ description: 'Sensor heights above ground in metres', examples: ['0/10', '2.0'] }),
  }),
  variables: { height_units: ['m'] },
  select(query) {
    const [west, south, east, north] = parseBbox(query.bbox ?? '');
    return {
      filter: { area: { kind: 'box', west, south, east, north }, levels: parseLevels(query.z ?? '') },
      zConsumed: true,
    };
  },
};
