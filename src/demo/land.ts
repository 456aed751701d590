// The land mask of the demo feed: Natural Earth's countries at 1:110m (public domain), as TopoJSON from the
// world-atlas package (100 kB; the finer scales are 7–35 times larger and not needed for placing a few
// hundred stations a safe distance inland). Built once, on first use, in a few milliseconds.
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { EUROPEAN_COUNTRIES, REGION, type Language } from './europe.js';

export interface Country {
  name: string;
  code: string;
  language: Language;
}

export interface Land {
  /** The selected European country at (lon, lat); undefined at sea, in a large lake or elsewhere. */
  countryAt(lon: number, lat: number): Country | undefined;
  /** Distance in km to the nearest sea coast. */
  coastDistanceKm(lon: number, lat: number): number;
}

interface Shape {
  country: Country;
  /** Polygons, each an outer ring and its holes, as [lon, lat] positions. */
  polygons: Position[][][];
  box: { west: number; east: number; south: number; north: number };
}

/** Lakes large enough to catch a station but not cut out of Natural Earth's country polygons. */
const LAKES: readonly { lat: number; lon: number; northSouthKm: number; eastWestKm: number }[] = [
  { lat: 60.85, lon: 31.45, northSouthKm: 105, eastWestKm: 60 }, // Ladoga
  { lat: 58.95, lon: 13.3, northSouthKm: 50, eastWestKm: 70 }, // Vänern
  { lat: 58.35, lon: 14.55, northSouthKm: 70, eastWestKm: 15 }, // Vättern
  { lat: 58.35, lon: 27.55, northSouthKm: 80, eastWestKm: 30 }, // Peipus and Pskov
  { lat: 61.25, lon: 28.4, northSouthKm: 60, eastWestKm: 60 }, // Saimaa
  { lat: 69.0, lon: 27.9, northSouthKm: 35, eastWestKm: 40 }, // Inari
  { lat: 52.75, lon: 5.35, northSouthKm: 40, eastWestKm: 30 }, // IJsselmeer and Markermeer
  { lat: 46.45, lon: 6.55, northSouthKm: 12, eastWestKm: 38 }, // Geneva
  { lat: 46.85, lon: 17.75, northSouthKm: 12, eastWestKm: 40 }, // Balaton
];

const KM_PER_DEGREE = 111.2;

/** Offsets in km of (lon, lat) from (lon0, lat0), on a plane tangent at the reference point. */
function kmFrom(lon0: number, lat0: number, lon: number, lat: number): [number, number] {
  return [(lon - lon0) * KM_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180), (lat - lat0) * KM_PER_DEGREE];
}

/** Even-odd ray casting over every ring of a polygon, so holes count as outside. */
function insidePolygon(rings: Position[][], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function inLake(lon: number, lat: number): boolean {
  return LAKES.some((lake) => {
    const [x, y] = kmFrom(lake.lon, lake.lat, lon, lat);
    return (x / lake.eastWestKm) ** 2 + (y / lake.northSouthKm) ** 2 <= 1;
  });
}

/**
 * Makes a ring continuous across the antimeridian (each longitude within 180° of the one before): Russia's
 * mainland runs from 27°E to 170°W, and its jump from 180 to -180 would otherwise count as an edge that
 * crosses every ray cast eastward from Europe at those latitudes (it put Lapland in Russia).
 */
function unwrapped(ring: Position[]): Position[] {
  let previous = ring[0]?.[0] ?? 0;
  return ring.map(([lon = 0, lat = 0]) => {
    previous = lon + 360 * Math.round((previous - lon) / 360);
    return [previous, lat];
  });
}

function boxOf(polygons: Position[][][]): Shape['box'] {
  const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (const [lon = 0, lat = 0] of polygons.flat(2)) {
    box.west = Math.min(box.west, lon);
    box.east = Math.max(box.east, lon);
    box.south = Math.min(box.south, lat);
    box.north = Math.max(box.north, lat);
  }
  return box;
}

function buildLand(): Land {
  const topology = createRequire(import.meta.url)('world-atlas/countries-110m.json') as Topology;
  const countries = topology.objects.countries as GeometryCollection<{ name: string }>;
  const shapes: Shape[] = [];
  for (const f of feature(topology, countries).features) {
    const selected = EUROPEAN_COUNTRIES[f.properties.name];
    if (!selected) continue;
    const geometry = f.geometry as Polygon | MultiPolygon;
    const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).map(
      (rings) => rings.map(unwrapped),
    );
    shapes.push({ country: { name: f.properties.name, ...selected }, polygons, box: boxOf(polygons) });
  }
  // Arcs used by one country only are coasts; those two countries share are land borders. Kept as a flat
  // array of segments (lon, lat, lon, lat) near the region: the distance is asked for every candidate site.
  const margin = 5;
  const segments: number[] = [];
  for (const line of mesh(topology, countries, (a, b) => a === b).coordinates) {
    for (let i = 1; i < line.length; i++) {
      const [lonA = 0, latA = 0] = line[i - 1] ?? [];
      const [lonB = 0, latB = 0] = line[i] ?? [];
      if (lonA < REGION.west - margin || lonA > REGION.east + margin) continue;
      if (latA < REGION.south - margin || latA > REGION.north + margin) continue;
      segments.push(lonA, latA, lonB, latB);
    }
  }
  const coast = Float64Array.from(segments);
  return {
    countryAt(lon, lat) {
      if (inLake(lon, lat)) return undefined;
      const shape = shapes.find(
        (s) =>
          lon >= s.box.west &&
          lon <= s.box.east &&
          lat >= s.box.south &&
          lat <= s.box.north &&
          s.polygons.some((rings) => insidePolygon(rings, lon, lat)),
      );
      return shape?.country;
    },
    coastDistanceKm(lon, lat) {
      const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
      let best = Infinity;
      for (let i = 0; i < coast.length; i += 4) {
        const ax = ((coast[i] ?? 0) - lon) * kx;
        const ay = ((coast[i + 1] ?? 0) - lat) * KM_PER_DEGREE;
        const dx = ((coast[i + 2] ?? 0) - lon) * kx - ax;
        const dy = ((coast[i + 3] ?? 0) - lat) * KM_PER_DEGREE - ay;
        const along = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, (ax + along * dx) ** 2 + (ay + along * dy) ** 2);
      }
      return Math.sqrt(best);
    },
  };
}

let cached: Land | undefined;

/** The land mask, built on first use and kept. */
export function europeanLand(): Land {
  cached ??= buildLand();
  return cached;
}
