// Distance to the nearest coast, asked for every candidate site of the demo stations. The coast (some 8000
// segments around Europe at 1:50m) is bucketed in 1° cells; a query looks at the cells around the point,
// ring by ring, and stops once no farther ring can hold a closer segment. Distances are measured on the
// plane tangent at the point (equirectangular), plenty for a climate's "distance from the sea".

const KM_PER_DEGREE = 111.2;
const DEG = Math.PI / 180;
/** Farther than any site of the region is from the sea; continentality has long saturated there. */
const MAX_KM = 1500;

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
