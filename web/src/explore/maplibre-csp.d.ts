// The CSP build of MapLibre GL has the API (and types) of its main build.
declare module 'maplibre-gl/dist/maplibre-gl-csp' {
  import maplibregl from 'maplibre-gl';
  export default maplibregl;
}
