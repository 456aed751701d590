// "The map shows its stations": the moment the browser tests measure, after which the app starts what can
// wait (live updates, the service worker). Pages without a map go ahead after a few seconds.
export const STATIONS_VISIBLE = 'obshub:stations-visible';

export function afterFirstStations(run: () => void, fallbackMs = 3000): () => void {
  if (performance.getEntriesByName(STATIONS_VISIBLE).length > 0) {
    run();
    return () => undefined;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    window.removeEventListener(STATIONS_VISIBLE, once);
    window.clearTimeout(timer);
    run();
  };
  window.addEventListener(STATIONS_VISIBLE, once);
  const timer = window.setTimeout(once, fallbackMs);
  return () => {
    done = true;
    window.removeEventListener(STATIONS_VISIBLE, once);
    window.clearTimeout(timer);
  };
}

export function markStationsVisible(): void {
  performance.mark(STATIONS_VISIBLE);
  window.dispatchEvent(new Event(STATIONS_VISIBLE));
}
