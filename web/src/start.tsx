// The app, and the service worker that keeps it (and the last data) for offline use.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './App';
import { afterFirstStations } from './explore/firstLoad';

performance.mark('obshub:app');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// After the first stations are drawn (or 3 s), so that caching the app does not slow its first load.
if ('serviceWorker' in navigator) afterFirstStations(() => void registerSW({ immediate: true }));
