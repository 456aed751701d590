// The stations on the map: the latest values of the chosen parameter, filtered by naming authority, by the
// visible area and by the search text, and kept current by live observations.
import { colourOf, type ColourScale } from './colourScale';
import type { Latest, LatestProperties } from './data';
import type { LiveObservation } from './notification';

export interface StationFilter {
  search?: string;
  authority?: string;
  /** west, south, east, north */
  bounds?: [number, number, number, number];
}

/** Whether a station matches the search text (name or WIGOS id, case- and accent-insensitive). */
export function matches(p: Pick<LatestProperties, 'name' | 'wigos_id'>, search: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = fold(search).split(/\s+/).filter(Boolean);
  const text = fold(`${p.name} ${p.wigos_id}`);
  return words.every((w) => text.includes(w));
}

export function filterStations(latest: Latest, f: StationFilter): Latest {
  const features = latest.features.filter((s) => {
    const p = s.properties;
    if (f.authority && p.naming_authority !== f.authority) return false;
    if (f.search && !matches(p, f.search)) return false;
    if (f.bounds) {
      const [w, south, e, n] = f.bounds;
      const [lon, lat] = s.geometry.coordinates as [number, number];
      if (lat < south || lat > n || lon < w || lon > e) return false;
    }
    return true;
  });
  return { ...latest, features };
}

/** What the map draws of a station: its id (for clicks and the selection ring) and its colour. */
export interface MapStation {
  wigos_id: string;
  colour: string;
}

/**
 * The stations as the map's source gets them: each coloured here (a value that is not a number is grey),
 * and nothing else of its properties, so that MapLibre's worker has little to copy, cut into tiles and
 * index, and a new colour scale is new data rather than a paint change (which lays every tile out again).
 */
export function mapStations(
  latest: Latest,
  scale: ColourScale,
): GeoJSON.FeatureCollection<GeoJSON.Point, MapStation> {
  return {
    type: 'FeatureCollection',
    features: latest.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        wigos_id: f.properties.wigos_id,
        colour: colourOf(scale, typeof f.properties.value === 'number' ? f.properties.value : null),
      },
    })),
  };
}

/** Numeric values of the stations (for the colour scale). */
export function numericValues(latest: Latest): number[] {
  return latest.features.flatMap((f) => (typeof f.properties.value === 'number' ? [f.properties.value] : []));
}

/**
 * The stations with live observations of `parameter` applied: a newer value replaces a station's, a station
 * new to the map is added. Observations of other parameters, or older ones, change nothing.
 */
export function applyLive(latest: Latest, parameter: string, batch: readonly LiveObservation[]): Latest {
  const newest = new Map<string, LiveObservation>();
  for (const o of batch) {
    if (o.parameter !== parameter) continue;
    const seen = newest.get(o.station);
    if (!seen || seen.time < o.time) newest.set(o.station, o);
  }
  if (newest.size === 0) return latest;
  const features = latest.features.map((f) => {
    const o = newest.get(f.properties.wigos_id);
    if (!o) return f;
    newest.delete(o.station);
    if (o.time < f.properties.datetime) return f;
    return {
      ...f,
      geometry: { type: 'Point' as const, coordinates: [o.lon, o.lat] },
      properties: { ...f.properties, value: o.value, datetime: o.time },
    };
  });
  for (const o of newest.values()) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [o.lon, o.lat] },
      properties: {
        wigos_id: o.station,
        name: o.station,
        parameter_name: o.parameter,
        naming_authority: '',
        institution: null,
        license: null,
        datetime: o.time,
        value: o.value,
        unit: o.unit,
        hamsl: null,
      },
    });
  }
  return { ...latest, features };
}
