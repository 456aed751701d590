// Distance to the nearest coast, asked for every candidate site of the demo stations. The coast (some 8000
// segments around Europe at 1:50m) is bucketed in 1° cells; a query looks at the cells around the point,
// ring by ring, and stops once no farther ring can hold a closer segment. Distances are measured on the
// plane tangent at the point (equirectangular), plenty for a climate's "distance from the sea".

import type { GeometryCollection, Topology } from 'topojson-specification';
import { REGION } from './europe.js';

const KM_PER_DEGREE = 111.2;
const DEG = Math.PI / 180;
/** Farther than any site of the region is from the sea; continentality has long saturated there. */
const MAX_KM = 1500;

/**
 * The coast near the region as segments (lon, lat, lon, lat, …): the arcs of the topology that only one
 * country uses (an arc two countries share is a land border). Decoded straight from the arcs, without
 * stitching them into lines as topojson-client's mesh() does: a third of the land mask's build time.
 */
export function coastSegments(topology: Topology, countries: GeometryCollection, marginDegrees: number) {
  const uses = new Uint8Array(topology.arcs.length);
  const use = (arc: number) => {
    const k = arc < 0 ? ~arc : arc;
    uses[k] = Math.min(2, (uses[k] ?? 0) + 1);
  };
  for (const g of countries.geometries) {
    if (g.type === 'Polygon') g.arcs.flat().forEach(use);
    else if (g.type === 'MultiPolygon') g.arcs.flat(2).forEach(use);
  }
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const near = (lon: number, lat: number) =>
    lon >= REGION.west - marginDegrees &&
    lon <= REGION.east + marginDegrees &&
    lat >= REGION.south - marginDegrees &&
    lat <= REGION.north + marginDegrees;
  const segments: number[] = [];
  topology.arcs.forEach((arc, k) => {
    if (uses[k] !== 1) return;
    // Quantised and delta-encoded: each position is the sum of those before it.
    let [x, y, lon0, lat0] = [0, 0, 0, 0];
    arc.forEach((position, i) => {
      x += position[0] ?? 0;
      y += position[1] ?? 0;
      const [lon, lat] = [x * sx + tx, y * sy + ty];
      if (i > 0 && near(lon0, lat0)) segments.push(lon0, lat0, lon, lat);
      [lon0, lat0] = [lon, lat];
    });
  });
  return Float64Array.from(segments);
}

/** `segments` holds (lon, lat, lon, lat) per segment. Returns the distance in km from (lon, lat). */
export function coastDistance(segments: Float64Array): (lon: number, lat: number) => number {
  const cells = new Map<number, number[]>();
  const cellKey = (row: number, col: number) => row * 1000 + col;
  let longestKm = 0;
  for (let i = 0; i < segments.length; i += 4) {
    const [lonA, latA, lonB, latB] = [
      segments[i] ?? 0,
      segments[i + 1] ?? 0,
      segments[i + 2] ?? 0,
      segments[i + 3] ?? 0,
    ];
    const key = cellKey(Math.floor(latA), Math.floor(lonA));
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
    longestKm = Math.max(longestKm, KM_PER_DEGREE * Math.hypot(latB - latA, lonB - lonA));
  }

  return (lon, lat) => {
    const kx = KM_PER_DEGREE * Math.cos(lat * DEG);
    let best = Infinity; // squared km
    const visit = (row: number, col: number) => {
      for (const i of cells.get(cellKey(row, col)) ?? []) {
        const ax = ((segments[i] ?? 0) - lon) * kx;
        const ay = ((segments[i + 1] ?? 0) - lat) * KM_PER_DEGREE;
        const dx = ((segments[i + 2] ?? 0) - lon) * kx - ax;
        const dy = ((segments[i + 3] ?? 0) - lat) * KM_PER_DEGREE - ay;
        const along = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, (ax + along * dx) ** 2 + (ay + along * dy) ** 2);
      }
    };
    const [row, col] = [Math.floor(lat), Math.floor(lon)];
    for (let r = 0; ; r++) {
      // Every cell of ring r is at least r - 1 whole cells away (in the plane of the point, where a cell is
      // kx wide), and a segment reaches out of its cell by at most the longest one.
      const nearest = (r - 1) * Math.min(kx, KM_PER_DEGREE) - longestKm;
      if (nearest > Math.min(Math.sqrt(best), MAX_KM)) break;
      for (let c = col - r; c <= col + r; c++) {
        visit(row - r, c);
        if (r > 0) visit(row + r, c);
      }
      for (let w = row - r + 1; w <= row + r - 1; w++) {
        visit(w, col - r);
        visit(w, col + r);
      }
    }
    return Math.min(Math.sqrt(best), MAX_KM);
  };
}
