// Well-known text (WKT) geometries for EDR coords, read as shapely reads them: the geometry type name
// (Point, Polygon, LineString, …) for error messages, coordinates as [x, y(, z)] tuples.

export type Position = number[];
export interface WktGeometry {
  /** shapely's geom_type, e.g. "Point", "Polygon", "LineString", "MultiPoint". */
  type: string;
  empty: boolean;
  /** Nested coordinate arrays: Point → Position, LineString → Position[], Polygon → Position[][], … */
  coordinates: unknown;
}

const TYPES: Record<string, string> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
  GEOMETRYCOLLECTION: 'GeometryCollection',
  LINEARRING: 'LinearRing',
};
/** Parses WKT; returns null when it cannot be read (shapely raises GEOSException). */
export function parseWkt(text: string): WktGeometry | null {
  const m = /^\s*([A-Za-z]+?)\s*(ZM|Z|M)?\s*(EMPTY|\(.*\))\s*$/is.exec(text);
  if (!m) return null;
  const type = TYPES[m[1]!.toUpperCase()];
  if (!type || type === 'GeometryCollection') return null;
  const dims = m[2]?.toUpperCase() === 'ZM' ? 4 : m[2] ? 3 : null;
  if (m[3]!.toUpperCase() === 'EMPTY') return { type, empty: true, coordinates: [] };
  let pos = 0;
  const src = m[3]!;
  const skip = () => {
    while (pos < src.length && /\s/.test(src[pos]!)) pos++;
  };
  const position = (): Position => {
    skip();
    const numRe = /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
    const out: number[] = [];
    for (;;) {
      skip();
      numRe.lastIndex = pos;
      const n = numRe.exec(src);
      if (!n) break;
      out.push(Number(n[0]));
      pos = numRe.lastIndex;
    }
    if (out.length < 2 || out.length > 4 || (dims !== null && out.length !== dims)) throw new Error('pos');
    return out;
  };
  // depth 0: "(" positions ")"; depth d: "(" lists of depth d-1 ")". MultiPoint also takes "((1 2), (3 4))".
  const list = (depth: number): unknown[] => {
    skip();
    if (src[pos] !== '(') throw new Error('(');
    pos++;
    const items: unknown[] = [];
    for (;;) {
      skip();
      if (depth > 0) items.push(list(depth - 1));
      else if (src[pos] === '(' && type === 'MultiPoint') items.push(list(0)[0]);
      else items.push(position());
      skip();
      if (src[pos] === ',') {
        pos++;
        continue;
      }
      if (src[pos] === ')') {
        pos++;
        break;
      }
      throw new Error('sep');
    }
    return items;
  };
  const NESTING: Record<string, number> = {
    Point: 0,
    LineString: 0,
    LinearRing: 0,
    MultiPoint: 0,
    Polygon: 1,
    MultiLineString: 1,
    MultiPolygon: 2,
  };
  try {
    const parsed = list(NESTING[type]!);
    const coordinates = type === 'Point' ? parsed[0] : parsed;
    skip();
    if (pos !== src.length) return null;
    if (type === 'Polygon') {
      for (const ring of coordinates as Position[][]) {
        const first = ring[0];
        const last = ring.at(-1);
        if (ring.length < 4 || !first || !last || first.some((v, i) => v !== last[i])) return null;
      }
    }
    if (type === 'LineString' && (coordinates as Position[]).length < 2) return null;
    return { type, empty: false, coordinates };
  } catch {
    return null;
  }
}
