// Entry point, kept small: it asks the hub for the map's data at once (explore/boot.ts), then loads the
// app (start.tsx: React, the pages, MapLibre), whose chunks index.html preloads in parallel.
import { startAhead } from './explore/boot';
// MapLibre's styles first: the app's (theme.css) override some of them (the map fills its box).
import 'maplibre-gl/dist/maplibre-gl.css';
import './theme.css';

startAhead();
void import('./start');
