// Entry point, kept small: it asks the hub for the map's data at once (explore/boot.ts), then loads the
// app (start.tsx: React, the pages, MapLibre), whose chunks index.html preloads in parallel.
import { startAhead } from './explore/boot';
import './theme.css';

startAhead();
void import('./start');
