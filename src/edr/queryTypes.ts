// The EDR query types: a registry that the routes, the collection's data_queries and OpenAPI read.
// Each entry (in its route file) declares its path, its own query parameters and how they select data;
// the shared steps (filters, format, streaming) are in dataQueryRoute.ts.
import type { TObject, TOptional, TString } from 'typebox';
import type { SeriesFilter } from '../storage/index.js';
import type { ErrorStyle } from '../ops/index.js';
import { areaQuery } from './getArea.js';
import { cubeQuery } from './getCube.js';
import { locationQuery } from './getLocation.js';
import { positionQuery } from './getPosition.js';
import { radiusQuery } from './getRadius.js';

export interface Selection {
  filter: Partial<SeriesFilter>;
  /** A height from coords, used as `z` when the request has none. */
  z?: string;
  /** True when the query type read `z` itself (cube), so it is not also a height filter. */
  zConsumed?: boolean;
}

/** Query parameters are strings (parsed by the query type, so that errors carry E-SOH's texts). */
export type QueryStrings = TObject<Record<string, TString | TOptional<TString>>>;

export interface QueryType {
  /** The key in data_queries, e.g. "position". */
  name: string;
  /** Route path under the hub. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  errorStyle: ErrorStyle;
  /** Query parameters specific to this query type. */
  querystring: QueryStrings;
  params?: TObject;
  /** Extra EDR `variables` of its data_queries link. */
  variables?: Record<string, unknown>;
  /** Turns its own parameters into a selection; throws QUERY_INVALID (ObshubError). */
  select(query: Record<string, string | undefined>, params: Record<string, string>): Selection;
}

/** In the order data_queries lists them. */
export const queryTypes: readonly QueryType[] = [
  positionQuery,
  radiusQuery,
  areaQuery,
  cubeQuery,
  locationQuery,
];
