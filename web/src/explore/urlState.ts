// The map's view in the URL, so that a link restores it: station, stations compared with it, parameter,
// time (absent: live), search text, naming-authority filter and the map's centre and zoom.

export interface View {
  lon: number;
  lat: number;
  zoom: number;
}

export interface ExploreState {
  parameter?: string;
  station?: string;
  /** Other stations in the station's chart (at most MAX_COMPARE - 1). */
  compare: string[];
  /** RFC 3339 instant the map shows; undefined: now, live. */
  time?: string;
  search?: string;
  authority?: string;
  /** Only stations inside the visible map. */
  inView?: boolean;
  view?: View;
}

/** At most this many stations in one chart. */
export const MAX_COMPARE = 5;

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?Z$/;

function parseView(text: string | null): View | undefined {
  if (!text) return undefined;
  const [lon, lat, zoom] = text.split(',').map(Number);
  if ([lon, lat, zoom].some((n) => n === undefined || !Number.isFinite(n))) return undefined;
  if (Math.abs(lat!) > 90 || Math.abs(lon!) > 180 || zoom! < 0 || zoom! > 22) return undefined;
  return { lon: lon!, lat: lat!, zoom: zoom! };
}

export function parseState(search: string): ExploreState {
  const q = new URLSearchParams(search);
  const text = (key: string) => q.get(key)?.trim() || undefined;
  const station = text('station');
  const compare = [...new Set((q.get('compare') ?? '').split(',').map((s) => s.trim()))]
    .filter((s) => s && s !== station)
    .slice(0, MAX_COMPARE - 1);
  const time = text('time');
  return {
    parameter: text('parameter'),
    station,
    compare: station ? compare : [],
    time: time && INSTANT.test(time) ? time : undefined,
    search: text('q'),
    authority: text('authority'),
    inView: q.get('inview') === '1' || undefined,
    view: parseView(q.get('view')),
  };
}

const fixed = (n: number, digits: number) => String(Number(n.toFixed(digits)));

export function formatState(state: ExploreState): string {
  const q = new URLSearchParams();
  if (state.parameter) q.set('parameter', state.parameter);
  if (state.station) {
    q.set('station', state.station);
    if (state.compare.length) q.set('compare', state.compare.join(','));
  }
  if (state.time) q.set('time', state.time);
  if (state.search) q.set('q', state.search);
  if (state.authority) q.set('authority', state.authority);
  if (state.inView) q.set('inview', '1');
  if (state.view) {
    const { lon, lat, zoom } = state.view;
    q.set('view', `${fixed(lon, 4)},${fixed(lat, 4)},${fixed(zoom, 2)}`);
  }
  const out = q.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
  return out ? `?${out}` : '';
}
