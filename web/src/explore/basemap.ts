// The offline basemap: land, coastlines and borders from Natural Earth (world-atlas, 1:50m), shipped with
// the app and styled by us; no tile server.
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-50m.json?url';

export interface BasemapColours {
  sea: string;
  land: string;
  border: string;
  coast: string;
}

export const lightColours: BasemapColours = {
  sea: '#dbe7f1',
  land: '#f7f5f0',
  border: '#b9b4aa',
  coast: '#8aa1b4',
};
export const darkColours: BasemapColours = {
  sea: '#0e1a26',
  land: '#1f2a35',
  border: '#46525e',
  coast: '#5d7388',
};

/** An empty style with the sea; the land is added when its data has loaded (see `loadLand`). */
export function baseStyle(colours: BasemapColours): StyleSpecification {
  return {
    version: 8,
    transition: { duration: 0, delay: 0 },
    sources: {},
    layers: [{ id: 'sea', type: 'background', paint: { 'background-color': colours.sea } }],
  };
}

/**
 * A ring that crosses the antimeridian jumps from 180° to −180°; MapLibre would fill the whole world
 * between. Shifting the points after each jump by ±360° keeps the ring continuous (drawn across 180°).
 */
export function unwrapRing(ring: readonly GeoJSON.Position[]): GeoJSON.Position[] {
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

function unwrap(geometry: GeoJSON.Geometry): GeoJSON.Geometry {
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === 'MultiPolygon') {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  }
  return geometry;
}

type World = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

/** Land, coastlines and borders as GeoJSON (fetched once, then kept by the service worker). */
export async function loadLand(): Promise<{
  land: GeoJSON.FeatureCollection;
  borders: GeoJSON.MultiLineString;
  coast: GeoJSON.MultiLineString;
}> {
  const world = (await (await fetch(worldUrl)).json()) as World;
  return {
    land: {
      type: 'FeatureCollection',
      features: feature(world, world.objects.land).features.map((f) => ({
        ...f,
        geometry: unwrap(f.geometry),
      })),
    },
    borders: mesh(world, world.objects.countries, (a, b) => a !== b),
    coast: mesh(world, world.objects.land),
  };
}
