// The MapLibre map: the offline basemap under every station as a GPU circle coloured by its latest value.
// A click (or a tap) on a station selects it. The stations' layers are in the first style, so that the
// first data is drawn without waiting for the map's load event; the land is added once the stations are
// drawn (MapLibre's worker parses it). The first time stations are drawn, the performance mark
// `obshub:stations-visible` is set and dispatched on window: the browser tests measure first load with
// it, and what can wait (live updates, the service worker, the land) starts then.
import type { GeoJSONSource, Map as MapLibre, MapSourceDataEvent, StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { t } from '../strings';
import { useColourScheme } from '../ui/useColourScheme';
import maplibregl from './maplibre';
import { addLand, baseStyle, darkColours, lightColours, tileAttribution } from './basemap';
import { colourExpression, type ColourScale } from './colourScale';
import { afterFirstStations, markStationsVisible } from './firstLoad';
import type { View } from './urlState';

const EUROPE: View = { lon: 10, lat: 52, zoom: 3.2 };

export interface MapViewProps {
  stations: GeoJSON.FeatureCollection<GeoJSON.Point>;
  scale: ColourScale;
  selected?: string;
  initialView?: View;
  onSelect: (station: string) => void;
  onViewChange: (view: View, bounds: [number, number, number, number]) => void;
}

/** The stations' source and layers, in the map's first style (no wait for the map's load event). */
function stationLayers(dark: boolean): Pick<StyleSpecification, 'sources' | 'layers'> {
  return {
    sources: {
      stations: {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        promoteId: 'wigos_id',
      },
    },
    layers: [
      {
        id: 'stations',
        type: 'circle',
        source: 'stations',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, 3, 6, 6, 10, 9],
          'circle-color': '#888',
          'circle-stroke-color': dark ? '#0b1218' : '#ffffff',
          'circle-stroke-width': 0.8,
        },
      },
      {
        id: 'selected',
        type: 'circle',
        source: 'stations',
        filter: ['==', ['id'], ''],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 2, 7, 6, 10, 10, 14],
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': dark ? '#ffffff' : '#111111',
          'circle-stroke-width': 2.5,
        },
      },
    ],
  };
}

function firstStyle(dark: boolean): StyleSpecification {
  const base = baseStyle(dark ? darkColours : lightColours);
  const own = stationLayers(dark);
  return { ...base, sources: { ...base.sources, ...own.sources }, layers: [...base.layers, ...own.layers] };
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
      style: firstStyle(dark),
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
    const land = () => addLand(map, colours, 'stations');
    void map.once('style.load', () => {
      performance.mark('obshub:style');
      styled = true;
      mapRef.current = map;
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

  // Every change costs a frame (and without a GPU a frame is dear): only real changes are sent.
  const drawn = useRef<{ stations?: MapViewProps['stations']; colour?: string; selected?: string }>({});
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const last = drawn.current;
    if (stations !== last.stations && (stations.features.length > 0 || last.stations)) {
      if (!last.stations) performance.mark('obshub:stations-set');
      (map.getSource('stations') as GeoJSONSource).setData(stations);
      last.stations = stations;
    }
    const colour = JSON.stringify(colourExpression(scale));
    if (colour !== last.colour) {
      map.setPaintProperty('stations', 'circle-color', JSON.parse(colour) as never);
      last.colour = colour;
    }
    if ((selected ?? '') !== (last.selected ?? '')) {
      map.setFilter('selected', ['==', ['id'], selected ?? '']);
      last.selected = selected;
    }
    if (!marked.current && stations.features.length > 0) {
      marked.current = true;
      // The first frame drawn after the worker has cut the stations into tiles shows them. Not earlier:
      // the source counts as loaded from its `metadata` event, while its tiles are still those of the
      // data before; its `content` event (with no newer data on its way) sets them reloading, and the
      // last one to arrive makes the source loaded again.
      let content = false;
      const loaded = (e: MapSourceDataEvent) => {
        if (e.sourceId !== 'stations') return;
        if (e.sourceDataType === 'content' && map.getSource('stations')?.loaded()) content = true;
        if (!content || !map.isSourceLoaded('stations')) return;
        map.off('sourcedata', loaded);
        void map.once('render', () => markStationsVisible());
      };
      map.on('sourcedata', loaded);
    }
  }, [ready, stations, scale, selected, dark]);

  return <div ref={container} className="map" role="region" aria-label={t.explore.mapLabel} />;
}
