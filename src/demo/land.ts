// The land mask of the demo feed: Natural Earth's countries at 1:50m (public domain), as TopoJSON from the
// world-atlas package (740 kB), built once, on first use. The 1:110m file is 7 times smaller but has no
// fjords, estuaries or bays: 30 of 1800 stations it placed 10 km inside its coast stood in water by the
// 1:10m coast (the Oslofjord, the Gironde, the Neva bay…), against 1 (a Norwegian fjord) with 1:50m.
// The 1:10m file is 5 times larger again. Neither scale cuts out lakes: the large ones are listed here.
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { coastDistance, coastSegments } from './coast.js';
import { EUROPEAN_COUNTRIES, REGION, type Language } from './europe.js';
import { contains, flatPolygons, type FlatPolygon } from './polygon.js';

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

/** One polygon of a country. */
interface Part extends FlatPolygon {
  country: Country;
}

/** Lakes large enough to catch a station, as ellipses. */
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

function inLake(lon: number, lat: number): boolean {
  return LAKES.some((lake) => {
    const [x, y] = kmFrom(lake.lon, lake.lat, lon, lat);
    return (x / lake.eastWestKm) ** 2 + (y / lake.northSouthKm) ** 2 <= 1;
  });
}

function buildLand(): Land {
  const topology = createRequire(import.meta.url)('world-atlas/countries-50m.json') as Topology;
  const countries = topology.objects.countries as GeometryCollection<{ name: string }>;
  const margin = 5;
  const nearRegion = (box: FlatPolygon['box']) =>
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
    for (const polygon of flatPolygons(f.geometry as Polygon | MultiPolygon))
      if (nearRegion(polygon.box)) parts.push({ country, ...polygon });
  }
  const coastDistanceKm = coastDistance(coastSegments(topology, countries, margin));
  return {
    countryAt(lon, lat) {
      if (inLake(lon, lat)) return undefined;
      return parts.find((part) => contains(part, lon, lat))?.country;
    },
    coastDistanceKm,
  };
}

let cached: Land | undefined;

/** The land mask, built on first use and kept. */
export function europeanLand(): Land {
  cached ??= buildLand();
  return cached;
}
