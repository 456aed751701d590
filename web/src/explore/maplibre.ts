// MapLibre GL, in its CSP build: the worker is a file of the app (not a blob), so the page's
// Content-Security-Policy needs no `blob:` for scripts or workers.
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

maplibregl.setWorkerUrl(workerUrl);

export default maplibregl;
