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

/** One polygon of a country: its outer ring and holes, each flat (lon, lat, lon, lat, …), and its box. */
interface Part {
  country: Country;
  rings: Float64Array[];
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
function insidePolygon(rings: readonly Float64Array[], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = ring[i] ?? 0;
      const yi = ring[i + 1] ?? 0;
      const xj = ring[j] ?? 0;
      const yj = ring[j + 1] ?? 0;
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
 * A ring as a flat array, made continuous across the antimeridian (each longitude within 180° of the one
 * before): Russia's mainland runs from 27°E to 170°W, and its jump from 180 to -180 would otherwise count
 * as an edge that crosses every ray cast eastward from Europe at those latitudes (it put Lapland in Russia).
 */
function flatRing(ring: Position[]): Float64Array {
  const flat = new Float64Array(ring.length * 2);
  let previous = ring[0]?.[0] ?? 0;
  ring.forEach(([lon = 0, lat = 0], i) => {
    previous = lon + 360 * Math.round((previous - lon) / 360);
    flat[2 * i] = previous;
    flat[2 * i + 1] = lat;
  });
  return flat;
}

function boxOf(outer: Float64Array): Part['box'] {
  const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (let i = 0; i < outer.length; i += 2) {
    box.west = Math.min(box.west, outer[i] ?? 0);
    box.east = Math.max(box.east, outer[i] ?? 0);
    box.south = Math.min(box.south, outer[i + 1] ?? 0);
    box.north = Math.max(box.north, outer[i + 1] ?? 0);
  }
  return box;
}

function buildLand(): Land {
  const topology = createRequire(import.meta.url)('world-atlas/countries-110m.json') as Topology;
  const countries = topology.objects.countries as GeometryCollection<{ name: string }>;
  const margin = 5;
  const nearRegion = (box: Part['box']) =>
    box.east >= REGION.west - margin &&
    box.west <= REGION.east + margin &&
    box.north >= REGION.south - margin &&
    box.south <= REGION.north + margin;
  // Only the selected countries' polygons near the region (not French Guiana, not Svalbard).
  const nameOf = (g: { properties?: object }) => (g.properties as { name?: string } | undefined)?.name ?? '';
  const selected = countries.geometries.filter((g) => Object.hasOwn(EUROPEAN_COUNTRIES, nameOf(g)));
  const parts: Part[] = [];
  for (const f of feature(topology, { ...countries, geometries: selected }).features) {
    const known = EUROPEAN_COUNTRIES[f.properties.name];
    if (!known) continue;
    const country = { name: f.properties.name, ...known };
    const geometry = f.geometry as Polygon | MultiPolygon;
    for (const polygon of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
      const rings = polygon.map(flatRing);
      const box = boxOf(rings[0] ?? new Float64Array());
      if (nearRegion(box)) parts.push({ country, rings, box });
    }
  }
  // Arcs used by one country only are coasts; those two countries share are land borders. Kept as a flat
  // array of segments (lon, lat, lon, lat) near the region: the distance is asked for every candidate site.
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
      const part = parts.find(
        ({ box, rings }) =>
          lon >= box.west &&
          lon <= box.east &&
          lat >= box.south &&
          lat <= box.north &&
          insidePolygon(rings, lon, lat),
      );
      return part?.country;
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
