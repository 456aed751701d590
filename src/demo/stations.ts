// The demo stations: sites drawn uniformly by area over Europe, kept where the land mask says land at a safe
// distance from its (generalised, 1:50m) coast, with an invented local name and a rough height.
// Deterministic: the same count and seed give the same stations.
import { seededRandom } from '../core/random.js';
import { REGION } from './europe.js';
import { europeanLand } from './land.js';
import { placeName } from './names.js';
import { stationElevation } from './relief.js';

export interface DemoStation {
  /** A WIGOS id no real station can have: issuer 65534 (no country or WMO range) and a local "DEMO" id. */
  id: string;
  /** An invented place name and the country code, e.g. "Haselstedt (DE)". */
  name: string;
  lat: number;
  lon: number;
  /** Metres above mean sea level. */
  elevation: number;
  /** Distance to the nearest sea coast: it drives the continentality of the climate. */
  coastKm: number;
  /** Minutes between reports: 1, 5 or 10. */
  cadence: number;
}

/**
 * The 1:50m coast leaves out narrow fjords and inlets: stations keep this far inside it (by the 1:10m
 * coast, 1 of 1800 stations so placed still stood in a Norwegian fjord).
 */
export const MIN_COAST_KM = 10;

const DEG = Math.PI / 180;

export function demoStations(count: number, seed = 2026): DemoStation[] {
  const rnd = seededRandom(seed);
  const land = europeanLand();
  const stations: DemoStation[] = [];
  const names = new Set<string>();
  const [sinSouth, sinNorth] = [Math.sin(REGION.south * DEG), Math.sin(REGION.north * DEG)];
  while (stations.length < count) {
    // Uniform in sin(latitude) is uniform by area: no crowding in the north.
    const lat = round5(Math.asin(sinSouth + rnd() * (sinNorth - sinSouth)) / DEG);
    const lon = round5(REGION.west + rnd() * (REGION.east - REGION.west));
    const country = land.countryAt(lon, lat);
    if (!country) continue;
    const coastKm = Math.round(land.coastDistanceKm(lon, lat));
    if (coastKm < MIN_COAST_KM) continue;
    const name = uniqueName(names, () => `${placeName(country.language, rnd)} (${country.code})`);
    const n = String(stations.length + 1).padStart(4, '0');
    stations.push({
      id: `0-65534-0-DEMO${n}`,
      name,
      lat,
      lon,
      elevation: stationElevation({ lat, lon, coastKm }, rnd(), rnd()),
      coastKm,
      cadence: [1, 5, 10][Math.floor(rnd() * 3)] ?? 10,
    });
  }
  return stations;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * A name not in `names` (which it joins): a fresh draw while draws are likely to be new, then a numbered
 * one, since a language's place names run out long before thousands of stations do.
 */
function uniqueName(names: Set<string>, draw: () => string): string {
  let name = draw();
  for (let tries = 1; names.has(name) && tries < 20; tries++) name = draw();
  const base = name;
  for (let n = 2; names.has(name); n++) name = base.replace(/ \(/, ` ${n} (`);
  names.add(name);
  return name;
}
