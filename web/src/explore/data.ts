// What the map and the station panel read from the hub's EDR API: the collection (parameters, time
// extent), the latest value of every station for a parameter, a station's series for a window.
import { api, ok } from '../api/client';
import { ApiError } from '../api/errors';
import { arrived, MAP_WINDOW, takeCollection, takeLatest, type Arrived, type CollectionDoc } from './boot';
import type { CoverageDocument } from './chartData';
import type { EdrParameter } from './parameters';

export interface Collection {
  parameterNames: Record<string, EdrParameter>;
  /** Start and end of the data (RFC 3339), when there is any. */
  interval?: [string, string];
}

export interface LatestProperties {
  wigos_id: string;
  name: string;
  parameter_name: string;
  naming_authority: string;
  institution: string | null;
  license: string | null;
  datetime: string;
  value: number | string | null;
  unit: string;
  hamsl: number | null;
}

export type Latest = GeoJSON.FeatureCollection<GeoJSON.Point, LatestProperties>;

/** Revalidate with the hub every time (answers carry ETags, so an unchanged one costs a 304). */
const fresh = { cache: 'no-cache' } as const;

const collections = new WeakMap<CollectionDoc, Collection>();

/** The app's view of a collection document; the same object for the same document. */
function collectionOf(doc: CollectionDoc): Collection {
  let c = collections.get(doc);
  if (!c) {
    c = { parameterNames: doc.parameter_names ?? {}, interval: doc.extent?.temporal?.interval?.[0] };
    collections.set(doc, c);
  }
  return c;
}

export interface ArrivedAhead {
  collection?: Collection;
  latest?: Latest;
}

/**
 * What the map's first render can show at once: the collection and latest values that arrived ahead;
 * `later` what arrives after (both at once, for one render).
 */
export function arrivedAhead(
  parameter: string | undefined,
  time: string | undefined,
): ArrivedAhead & { later?: Promise<ArrivedAhead | undefined> } {
  const view = (a: Arrived | undefined): ArrivedAhead => ({
    collection: a?.collection && collectionOf(a.collection),
    latest: a?.latest as Latest | undefined,
  });
  const a = arrived(parameter, time);
  return { ...view(a), later: a.later?.then(view) };
}

export async function fetchCollection(): Promise<Collection> {
  return collectionOf(await ok(api.GET('/collections/observations', fresh)));
}

/** The collection for the map: the one asked for ahead (boot.ts), else from the hub. */
export async function loadCollection(): Promise<Collection> {
  const ahead = await takeCollection();
  return ahead ? collectionOf(ahead) : fetchCollection();
}

/** The map's latest values of a parameter: the ones asked for ahead when they match, else from the hub. */
export async function loadLatest(parameter: string, time: string | undefined): Promise<Latest> {
  const ahead = (await takeLatest(parameter, time)) as Latest | undefined;
  return ahead ?? fetchLatest({ parameter, time, within: MAP_WINDOW });
}

/** Latest values at `time` (default now) of one parameter at every station, or of every parameter of some. */
export async function fetchLatest(query: {
  parameter?: string;
  stations?: readonly string[];
  time?: string;
  within?: string;
}): Promise<Latest> {
  const doc = await ok(
    api.GET('/collections/observations/latest', {
      ...fresh,
      params: {
        query: {
          'parameter-name': query.parameter,
          platform: query.stations?.join(','),
          datetime: query.time,
          within: query.within,
        },
      },
    }),
  );
  return doc;
}

/** A station's observations of some parameters in [from, to] (RFC 3339), as CoverageJSON. */
export async function fetchStationSeries(
  station: string,
  parameters: readonly string[],
  from: string,
  to: string,
): Promise<CoverageDocument | undefined> {
  try {
    const doc = await ok(
      api.GET('/collections/observations/locations/{location_id}', {
        ...fresh,
        params: {
          path: { location_id: station },
          query: { 'parameter-name': parameters.join(','), datetime: `${from}/${to}` },
        },
      }),
    );
    return doc as unknown as CoverageDocument;
  } catch (err) {
    // EDR answers 404 when the window holds no data.
    if (err instanceof ApiError && err.kind === 'not-found') return undefined;
    throw err;
  }
}

/** The EDR URL of a station's data in a format (for the download links). */
export function stationDataUrl(
  station: string,
  parameters: readonly string[],
  from: string,
  to: string,
  format: 'CoverageJSON' | 'GeoJSON' | 'CSV',
): string {
  const q = new URLSearchParams({
    'parameter-name': parameters.join(','),
    datetime: `${from}/${to}`,
    f: format,
  });
  return `/collections/observations/locations/${encodeURIComponent(station)}?${q.toString()}`;
}
