// MapLibre GL, in its CSP build: the worker is a file of the app (not a blob), so the page's
// Content-Security-Policy needs no `blob:` for scripts or workers. The worker is started as soon as this
// chunk runs (prewarm), so that it loads while React renders and the map is made.
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

maplibregl.setWorkerUrl(workerUrl);
maplibregl.prewarm();

export default maplibregl;
