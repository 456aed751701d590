// Entry point, kept small: it asks the hub for the map's data at once (explore/boot.ts), starts MapLibre's
// worker, then loads the app (start.tsx: React, the pages), whose chunks index.html preloads in parallel.
import { startAhead } from './explore/boot';
// MapLibre's styles first: the app's (theme.css) override some of them (the map fills its box).
import 'maplibre-gl/dist/maplibre-gl.css';
import './theme.css';

startAhead();
// MapLibre first, on its own: its worker (a large script to fetch and compile) starts as soon as the
// MapLibre chunk has run, not once React and the pages have too.
void import('./explore/maplibre');
void import('./start');
