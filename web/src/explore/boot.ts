// The map's first data, asked for by the app's small entry chunk (main.tsx) as soon as it runs, while the
// rest of the app (React, MapLibre) is still being fetched and compiled: the collection, and beside it
// (not after it) the latest values of the parameter the map will most likely show: the URL's, else the
// default the collection named on this browser's last visit, else air temperature at 2 m. When the
// collection names another default, that guess is cancelled and the right one asked for. Plain fetch()
// without a token: only a visitor who is not signed in (a signed-in person's data depends on their token,
// which the app's client adds). Each is handed out once; later loads ask the hub again.
import { SESSION_STORE } from '../auth/store';
import { defaultParameter, groupParameters, type EdrParameter } from './parameters';
import { parseState } from './urlState';

/** A value older than this is not shown on the map. */
export const MAP_WINDOW = 'PT3H';

/** The hub's /collections/observations document (the part the app reads). */
export interface CollectionDoc {
  parameter_names?: Record<string, EdrParameter>;
  extent?: { temporal?: { interval?: [string, string][] } };
}

export interface Ahead {
  parameter?: string;
  time?: string;
  doc?: GeoJSON.FeatureCollection;
}

/** The query of the latest values, in the order and encoding the app's API client uses. */
export function latestQuery(parameter: string, time: string | undefined, within = MAP_WINDOW): string {
  return Object.entries({ 'parameter-name': parameter, datetime: time, within })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
}

/** Where the default parameter of the last visit is kept (localStorage). */
export const DEFAULT_PARAMETER_STORE = 'obshub.defaultParameter';
/** The default parameter guessed on a first visit (the demo's, and the usual synoptic one). */
export const LIKELY_DEFAULT = 'air_temperature:2.0:point:PT0S';

/** The parameter to ask for before the collection is known. */
export function guessParameter(fromUrl: string | undefined, remembered: string | null): string {
  return fromUrl ?? remembered ?? LIKELY_DEFAULT;
}

function remembered(): string | null {
  try {
    return localStorage.getItem(DEFAULT_PARAMETER_STORE);
  } catch {
    return null; // storage turned off
  }
}

function remember(parameter: string): void {
  try {
    localStorage.setItem(DEFAULT_PARAMETER_STORE, parameter);
  } catch {
    // storage turned off or full: the next visit guesses again
  }
}

let collectionAhead: Promise<CollectionDoc> | undefined;
let latestAhead: Promise<Ahead | undefined> | undefined;
/** What has arrived of them, for the app's first render (`arrived`). */
let collectionArrived: CollectionDoc | undefined;
let latestArrived: Ahead | undefined;

/** Starts the map's fetches (on the map's page, for a visitor who is not signed in). */
export function startAhead(): void {
  if (window.location.pathname !== '/app/' || sessionStorage.getItem(SESSION_STORE)) return;
  performance.mark('obshub:boot');
  const { parameter, time } = parseState(window.location.search);
  const get = async <T>(url: string, signal?: AbortSignal): Promise<T> => {
    const res = await fetch(url, { cache: 'no-cache', headers: { accept: 'application/json' }, signal });
    if (!res.ok) throw new Error(`${res.status}`);
    return (await res.json()) as T;
  };
  const latest = async (p: string, signal?: AbortSignal) =>
    get<GeoJSON.FeatureCollection>(`/collections/observations/latest?${latestQuery(p, time)}`, signal);
  collectionAhead = get<CollectionDoc>('/collections/observations');
  collectionAhead.then(
    (c) => (collectionArrived = c),
    () => undefined,
  );
  const guess = guessParameter(parameter, remembered());
  const cancelGuess = new AbortController();
  const guessed = latest(guess, cancelGuess.signal);
  guessed.catch(() => undefined);
  latestAhead = collectionAhead.then(
    async (c) => {
      performance.mark('obshub:collection');
      const p = parameter ?? defaultParameter(groupParameters(c.parameter_names ?? {}));
      if (!parameter && p) remember(p);
      if (p !== guess) cancelGuess.abort();
      if (!p) return { parameter: p, time };
      const doc = await (p === guess ? guessed : latest(p));
      performance.mark('obshub:latest');
      return { parameter: p, time, doc };
    },
    // Failures are reported by the app's own loads, which ask again.
    () => {
      cancelGuess.abort();
      return undefined;
    },
  );
  latestAhead.then(
    (a) => (latestArrived = a),
    () => undefined,
  );
}

/** The latest values of `a` when they are of `parameter` (undefined: the collection's default) at `time`. */
function latestOf(
  a: Ahead | undefined,
  parameter: string | undefined,
  time: string | undefined,
): GeoJSON.FeatureCollection | undefined {
  return a?.doc && (parameter === undefined || a.parameter === parameter) && a.time === time
    ? a.doc
    : undefined;
}

/** What arrived ahead: the collection, and the latest values when of the parameter and time asked. */
export interface Arrived {
  collection?: CollectionDoc;
  latest?: GeoJSON.FeatureCollection;
}

/**
 * What arrived ahead by the time the app renders first, without waiting (the map is then drawn in its
 * first render, not some renders later), and `later` what arrives after, at once when it does; both are
 * still handed out by `takeCollection` and `takeLatest`. The latest values only when of `parameter`
 * (undefined: the collection's default) at `time`.
 */
export function arrived(
  parameter: string | undefined,
  time: string | undefined,
): Arrived & { later?: Promise<Arrived | undefined> } {
  const ahead = latestAhead;
  const pick = (a: Ahead | undefined): Arrived => ({
    collection: collectionArrived,
    latest: latestOf(a, parameter, time),
  });
  const now = pick(ahead ? latestArrived : undefined);
  return { ...now, later: ahead && !now.latest ? ahead.then(pick, () => undefined) : undefined };
}

/** The collection asked for ahead, once; undefined when there is none (the caller asks the hub). */
export function takeCollection(): Promise<CollectionDoc | undefined> | undefined {
  const ahead = collectionAhead;
  collectionAhead = undefined;
  return ahead?.catch(() => undefined);
}

/** The latest values asked for ahead, if they are of this parameter and time; once. */
export async function takeLatest(
  parameter: string,
  time: string | undefined,
): Promise<GeoJSON.FeatureCollection | undefined> {
  const ahead = latestAhead;
  latestAhead = undefined;
  return latestOf(await ahead?.catch(() => undefined), parameter, time);
}
