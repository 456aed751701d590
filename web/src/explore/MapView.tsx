// The MapLibre map: the offline basemap under every station as a GPU circle coloured by its latest value.
// A click (or a tap) on a station selects it. The first style is the sea alone (one frame); the stations'
// source and layers are added with the first data, without waiting for the map's load event, so that
// MapLibre's worker cuts tiles once (not those of an empty source first) and no frame is drawn for
// nothing (without a GPU a frame is dear); the land is added once the stations are drawn (MapLibre's
// worker parses it). The first time stations are drawn, the performance mark `obshub:stations-visible` is
// set and dispatched on window: the browser tests measure first load with it, and what can wait (live
// updates, the service worker, the land) starts then.
import type { GeoJSONSource, Map as MapLibre, MapSourceDataEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../strings';
import { useColourScheme } from '../ui/useColourScheme';
import maplibregl from './maplibre';
import { addLand, baseStyle, darkColours, lightColours, tileAttribution } from './basemap';
import type { ColourScale } from './colourScale';
import type { Latest } from './data';
import { afterFirstStations, markStationsVisible } from './firstLoad';
import { mapStations } from './stations';
import type { View } from './urlState';

const EUROPE: View = { lon: 10, lat: 52, zoom: 3.2 };

export interface MapViewProps {
  stations: Latest;
  scale: ColourScale;
  selected?: string;
  initialView?: View;
  onSelect: (station: string) => void;
  onViewChange: (view: View, bounds: [number, number, number, number]) => void;
}

/** The stations' source and layers, added with the first data (`before`: the layer they go under). */
function addStations(
  map: MapLibre,
  data: ReturnType<typeof mapStations>,
  dark: boolean,
  selected: string | undefined,
): void {
  map.addSource('stations', {
    type: 'geojson',
    data,
    promoteId: 'wigos_id',
    // No tile buffer: circles are drawn across tile edges anyway (MapLibre does not clip them), and the
    // default one (a quarter of a tile on each side) cuts, indexes and draws a station near an edge twice
    // or four times over.
    buffer: 0,
  });
  map.addLayer({
    id: 'stations',
    type: 'circle',
    source: 'stations',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, 3, 6, 6, 10, 9],
      // Each station's colour comes with it (stations.ts): a paint change would lay every tile out again.
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': dark ? '#0b1218' : '#ffffff',
      'circle-stroke-width': 0.8,
    },
  });
  map.addLayer({
    id: 'selected',
    type: 'circle',
    source: 'stations',
    filter: ['==', ['id'], selected ?? ''],
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, 7, 6, 10, 10, 14],
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': dark ? '#ffffff' : '#111111',
      'circle-stroke-width': 2.5,
    },
  });
}

type MapData = ReturnType<typeof mapStations>;

/** What a map has been sent (every change costs a frame, and without a GPU a frame is dear). */
interface Drawn {
  data?: MapData;
  selected?: string;
}

/**
 * Sends the map what changed: the stations (their source and layers with the first data), the selected
 * one. `onFirst` runs once the first stations are on screen.
 */
function draw(
  map: MapLibre,
  drawn: Drawn,
  data: MapData,
  selected: string | undefined,
  dark: boolean,
  onFirst?: () => void,
): void {
  if (data !== drawn.data && (data.features.length > 0 || drawn.data)) {
    const source = map.getSource<GeoJSONSource>('stations');
    if (source) source.setData(data);
    else {
      performance.mark('obshub:stations-set');
      addStations(map, data, dark, selected);
      drawn.selected = selected;
    }
    drawn.data = data;
  }
  if (map.getLayer('selected') && (selected ?? '') !== (drawn.selected ?? '')) {
    map.setFilter('selected', ['==', ['id'], selected ?? '']);
    drawn.selected = selected;
  }
  if (onFirst && data.features.length > 0) {
    // The first frame drawn after the worker has cut the stations into tiles shows them. Not earlier:
    // the source counts as loaded from its `metadata` event, while its tiles are still those of the
    // data before (if any); its `content` event (with no newer data on its way) sets them reloading,
    // and the last one to arrive makes the source loaded again.
    let content = false;
    const loaded = (e: MapSourceDataEvent) => {
      if (e.sourceId !== 'stations') return;
      if (e.sourceDataType === 'content' && map.getSource('stations')?.loaded()) content = true;
      if (!content || !map.isSourceLoaded('stations')) return;
      map.off('sourcedata', loaded);
      void map.once('render', onFirst);
    };
    map.on('sourcedata', loaded);
  }
}

export function MapView({ stations, scale, selected, initialView, onSelect, onViewChange }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | undefined>(undefined);
  const dark = useColourScheme() === 'dark';
  const callbacks = useRef({ onSelect, onViewChange });
  callbacks.current = { onSelect, onViewChange };
  const marked = useRef(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const view = initialView ?? EUROPE;
    const colours = dark ? darkColours : lightColours;
    const map = new maplibregl.Map({
      container: container.current!,
      style: baseStyle(colours),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      attributionControl: false,
      // No fades or paint transitions: each frame costs, and nothing here needs animating.
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    performance.mark('obshub:map');
    map.touchZoomRotate.disableRotation();
    map.keyboard.enable();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(
      new maplibregl.AttributionControl({
        compact: true,
        customAttribution: tileAttribution() ?? 'Natural Earth',
      }),
    );
    map.getCanvas().setAttribute('aria-label', t.explore.mapLabel);
    // The style is an object: it is ready after one animation frame, long before the map's load event.
    let styled = false;
    let landWaiting = false;
    const land = () => addLand(map, colours, map.getLayer('stations') ? 'stations' : undefined);
    void map.once('style.load', () => {
      performance.mark('obshub:style');
      styled = true;
      mapRef.current = map;
      // Data that came first is sent now, before the map's first frame (not after React's next render).
      redraw();
      setReady(true);
      if (landWaiting) land();
    });
    // The land waits for the first stations (its GeoJSON keeps MapLibre's worker busy for a while).
    const cancelLand = afterFirstStations(() => {
      if (styled) land();
      else landWaiting = true;
    }, 10_000);
    map.on('click', 'stations', (e) => {
      const id = e.features?.[0]?.id;
      if (id !== undefined) callbacks.current.onSelect(String(id));
    });
    map.on('mouseenter', 'stations', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'stations', () => (map.getCanvas().style.cursor = ''));
    map.on('moveend', () => {
      const c = map.getCenter();
      const b = map.getBounds();
      callbacks.current.onViewChange({ lon: c.lng, lat: c.lat, zoom: map.getZoom() }, [
        b.getWest(),
        b.getSouth(),
        b.getEast(),
        b.getNorth(),
      ]);
    });
    return () => {
      cancelLand();
      mapRef.current = undefined;
      drawn.current = {};
      setReady(false);
      map.remove();
    };
    // The map is made once per colour scheme; the view is read only at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dark]);

  const drawn = useRef<Drawn>({});
  const data = useMemo(() => mapStations(stations, scale), [stations, scale]);
  const wanted = useRef({ data, selected, dark });
  wanted.current = { data, selected, dark };
  const redraw = () => {
    const map = mapRef.current;
    if (!map) return;
    const w = wanted.current;
    const first = !marked.current && w.data.features.length > 0;
    if (first) marked.current = true;
    draw(map, drawn.current, w.data, w.selected, w.dark, first ? markStationsVisible : undefined);
  };
  // Whenever what `wanted` holds changes (and once the style is there).
  useEffect(() => {
    if (ready) redraw();
  }, [ready, data, selected, dark]);

  return <div ref={container} className="map" role="region" aria-label={t.explore.mapLabel} />;
}
