// Point in polygon on longitude/latitude, planar (a ray cast along the parallel), fast enough to test
// every candidate site of the demo stations against a country mask.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A polygon's outer ring and holes, each flat (lon, lat, lon, lat, …), and the box of the outer ring. */
export interface FlatPolygon {
  rings: Float64Array[];
  box: { west: number; east: number; south: number; north: number };
}

/**
 * A ring as a flat array, made continuous across the antimeridian (each longitude within 180° of the one
 * before), then shifted so its westernmost point lies in [-180, 180): Russia's mainland runs from 27°E to
 * 170°W, and its jump from 180 to -180 would otherwise count as an edge that crosses rays cast eastward
 * from Europe at some latitudes (at 1:110m it put Lapland in Russia; at 1:10m it breaks Eurasia's land).
 */
function flatRing(ring: Position[]): Float64Array {
  const flat = new Float64Array(ring.length * 2);
  let previous = ring[0]?.[0] ?? 0;
  let west = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const lon = ring[i]?.[0] ?? 0;
    previous = lon + 360 * Math.round((previous - lon) / 360);
    west = Math.min(west, previous);
    flat[2 * i] = previous;
    flat[2 * i + 1] = ring[i]?.[1] ?? 0;
  }
  const shift = -360 * Math.floor((west + 180) / 360);
  if (shift !== 0) for (let i = 0; i < flat.length; i += 2) flat[i] = (flat[i] ?? 0) + shift;
  return flat;
}

function boxOf(outer: Float64Array): FlatPolygon['box'] {
  const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (let i = 0; i < outer.length; i += 2) {
    box.west = Math.min(box.west, outer[i] ?? 0);
    box.east = Math.max(box.east, outer[i] ?? 0);
    box.south = Math.min(box.south, outer[i + 1] ?? 0);
    box.north = Math.max(box.north, outer[i + 1] ?? 0);
  }
  return box;
}

export function flatPolygons(geometry: Polygon | MultiPolygon): FlatPolygon[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => {
    const rings = polygon.map(flatRing);
    return { rings, box: boxOf(rings[0] ?? new Float64Array()) };
  });
}

/** Even-odd ray casting over every ring, so holes count as outside. */
export function contains({ rings, box }: FlatPolygon, lon: number, lat: number): boolean {
  if (lon < box.west || lon > box.east || lat < box.south || lat > box.north) return false;
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
