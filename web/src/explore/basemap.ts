// The offline basemap: land, coastlines and borders from Natural Earth (world-atlas, 1:50m), converted to
// GeoJSON at build time (scripts/basemap.ts), shipped with the app and styled by us; no tile server. With
// the hub's WEB_BASEMAP_TILES setting, a raster tile layer of that URL lies under (or replaces) it.
import type { Map as MapLibre, MapSourceDataEvent, StyleSpecification } from 'maplibre-gl';
import basemapUrl from 'virtual:obshub-basemap';

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

/** A setting of the hub for the app: a `<meta name="obshub-…">` the hub writes into index.html. */
function setting(name: string): string | undefined {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="obshub-${name}"]`)?.content;
  return content ? content : undefined;
}

/** WEB_BASEMAP_TILES: a raster tile URL template ({z}/{x}/{y}) for a richer basemap. */
export const tileUrl = () => setting('basemap-tiles');
/** WEB_BASEMAP_ATTRIBUTION: the credit line of those tiles. */
export const tileAttribution = () => (tileUrl() ? (setting('basemap-attribution') ?? '') : undefined);

/** The sea, and the tiles of the configured tile server (if any); the land is added later (`addLand`). */
export function baseStyle(colours: BasemapColours, tiles = tileUrl()): StyleSpecification {
  return {
    version: 8,
    transition: { duration: 0, delay: 0 },
    sources: tiles
      ? {
          tiles: {
            type: 'raster',
            tiles: [tiles],
            tileSize: 256,
            maxzoom: 19,
            attribution: tileAttribution(),
          },
        }
      : {},
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': colours.sea } },
      ...(tiles ? [{ id: 'tiles', type: 'raster' as const, source: 'tiles' }] : []),
    ],
  };
}

/**
 * Land, coast and borders under the layer `before`: MapLibre's worker fetches and parses the GeoJSON, so
 * the page's thread does no work for it. Not with a tile server (its map has them).
 */
export function addLand(map: MapLibre, colours: BasemapColours, before?: string): void {
  if (tileUrl() || map.getSource('basemap')) return;
  map.addSource('basemap', { type: 'geojson', data: basemapUrl });
  // `data-basemap="drawn"` on the map's box once the land is on screen (the browser tests wait for it).
  const loaded = (e: MapSourceDataEvent) => {
    if (e.sourceId !== 'basemap' || !map.isSourceLoaded('basemap')) return;
    map.off('sourcedata', loaded);
    void map.once('idle', () => (map.getContainer().dataset.basemap = 'drawn'));
  };
  map.on('sourcedata', loaded);
  const land = ['==', ['get', 'kind'], 'land'] as ['==', ['get', string], string];
  map.addLayer(
    { id: 'land', type: 'fill', source: 'basemap', filter: land, paint: { 'fill-color': colours.land } },
    before,
  );
  map.addLayer(
    {
      id: 'coast',
      type: 'line',
      source: 'basemap',
      filter: land,
      paint: { 'line-color': colours.coast, 'line-width': 0.7 },
    },
    before,
  );
  map.addLayer(
    {
      id: 'borders',
      type: 'line',
      source: 'basemap',
      filter: ['==', ['get', 'kind'], 'border'],
      paint: { 'line-color': colours.border, 'line-width': 0.6, 'line-dasharray': [2, 1] },
    },
    before,
  );
}
