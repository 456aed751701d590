// Type-safe access to the hub: openapi-fetch over the types generated from the hub's /openapi.json
// (api/schema.d.ts, `npm run api:types`; a test keeps it equal to the hub's document). Every call carries
// the signed-in person's token, and every failure becomes an ApiError with a message for people.
import createClient, { type FetchResponse } from 'openapi-fetch';
import { accessToken } from '../auth/oidc';
import { t } from '../strings';
import { ApiError, errorFromResponse } from './errors';
import type { paths } from './schema';

/** The JSON body of a successful answer (200 or 201) of a route and method. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

/** The data of a successful call; throws an ApiError otherwise (network failures included). */
export async function ok<T extends Record<string | number, unknown>, O, M extends `${string}/${string}`>(
  call: Promise<FetchResponse<T, O, M>>,
): Promise<NonNullable<FetchResponse<T, O, M>['data']>> {
  let result: FetchResponse<T, O, M>;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('network', t.errors.network);
  }
  if (!result.response.ok)
    throw errorFromResponse(result.response.status, result.response.headers, result.error);
  return result.data as NonNullable<FetchResponse<T, O, M>['data']>;
}
