// The offline basemap, converted at build time (the Vite plugin below): Natural Earth 1:50m land and
// country borders from world-atlas (TopoJSON) → one GeoJSON FeatureCollection, coordinates rounded to
// 0.001° (about 100 m, finer than the 1:50m data), rings that cross the antimeridian unwrapped. The app
// hands its URL to MapLibre, whose worker fetches and parses it: the browser's main thread never sees it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';

type World = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
type Position = GeoJSON.Position;

/**
 * A ring that crosses the antimeridian jumps from 180° to −180°; MapLibre would fill the whole world
 * between. Shifting the points after each jump by ±360° keeps the ring continuous (drawn across 180°).
 */
export function unwrapRing(ring: readonly Position[]): Position[] {
  let offset = 0;
  return ring.map((point, i) => {
    const previous = ring[i - 1];
    if (previous) {
      const step = point[0]! - previous[0]!;
      if (step > 180) offset -= 360;
      else if (step < -180) offset += 360;
    }
    return [point[0]! + offset, ...point.slice(1)];
  });
}

/** Rounds to 0.001° and drops the points that became equal to the one before. */
export function roundLine(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const [x, y] of line) {
    const p = [Math.round(x! * 1000) / 1000, Math.round(y! * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function polygons(geometry: GeoJSON.Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** Land (polygons, kind `land`; their outlines are the coast) and borders (lines, kind `border`). */
export function basemapGeoJson(world: World): GeoJSON.FeatureCollection {
  const land = feature(world, world.objects.land).features.flatMap((f) => polygons(f.geometry));
  const borders = mesh(world, world.objects.countries, (a, b) => a !== b);
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'land' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: land
            .map((polygon) => polygon.map((ring) => roundLine(unwrapRing(ring))).filter((r) => r.length >= 4))
            .filter((polygon) => polygon.length > 0),
        },
      },
      {
        type: 'Feature',
        properties: { kind: 'border' },
        geometry: {
          type: 'MultiLineString',
          coordinates: borders.coordinates.map(roundLine).filter((l) => l.length >= 2),
        },
      },
    ],
  };
}

const VIRTUAL = 'virtual:obshub-basemap';

/** `import basemapUrl from 'virtual:obshub-basemap'`: the URL of the converted basemap (a hashed asset). */
export function basemapPlugin(): Plugin {
  let json: string | undefined;
  const source = () => {
    if (json !== undefined) return json;
    const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
    json = JSON.stringify(basemapGeoJson(JSON.parse(readFileSync(file, 'utf8')) as World));
    return json;
  };
  let serve = false;
  return {
    name: 'obshub-basemap',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      if (serve) {
        // `vite` (development): a blob URL made in the page.
        return `export default URL.createObjectURL(new Blob([${JSON.stringify(source())}], { type: 'application/json' }));`;
      }
      const ref = this.emitFile({ type: 'asset', name: 'basemap.json', source: source() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
