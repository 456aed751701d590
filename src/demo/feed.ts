// The demo feed: realistic observations from a few hundred synthetic stations across Europe, played
// through the real ingest service every minute, so a fresh hub shows live data. Deterministic: the same
// station and time always give the same value.
import { seededRandom as random } from '../core/random.js';

export const DEMO_NAMING_AUTHORITY = 'org.obshub.demo';

interface Station {
  id: string;
  name: string;
  lat: number;
  lon: number;
  elevation: number;
  /** Minutes between reports: 1, 5 or 10. */
  cadence: number;
}

interface Parameter {
  standard_name: string;
  unit: string;
  level: string;
  function: string;
  period: string;
  decimals: number;
  value(s: Station, t: number, noise: (k: number) => number): number;
}

/** Smooth pseudo-random noise in [-1, 1] for (station, parameter, time). */
function noiseFor(stationIndex: number, t: number): (k: number) => number {
  return (k) => {
    const hour = t / 3_600_000;
    const h0 = Math.floor(hour);
    const f = hour - h0;
    const at = (h: number) => random(stationIndex * 7919 + k * 104729 + h * 31)() * 2 - 1;
    return at(h0) * (1 - f) + at(h0 + 1) * f;
  };
}

export function demoStations(count: number, seed = 2026): Station[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const lat = 36 + rnd() * 34; // 36°N … 70°N
    const lon = -10 + rnd() * 40; // 10°W … 30°E
    return {
      id: `0-65534-0-DEMO${n}`,
      name: `DEMO STATION ${n}`,
      lat: Math.round(lat * 1e5) / 1e5,
      lon: Math.round(lon * 1e5) / 1e5,
      elevation: Math.round(rnd() * 800),
      cadence: [1, 5, 10][Math.floor(rnd() * 3)] ?? 10,
    };
  });
}

const solarHour = (s: Station, t: number) => (((t / 3_600_000 + s.lon / 15) % 24) + 24) % 24;
const diurnal = (s: Station, t: number) => Math.sin(((solarHour(s, t) - 9) / 24) * 2 * Math.PI);
const temperature = (s: Station, t: number, noise: (k: number) => number) =>
  24 - 0.45 * (s.lat - 36) - 0.0065 * s.elevation + 5 * diurnal(s, t) + 2 * noise(1);

const parameters: Parameter[] = [
  {
    standard_name: 'air_temperature',
    unit: 'Cel',
    level: '2.0',
    function: 'point',
    period: 'PT0S',
    decimals: 1,
    value: temperature,
  },
  {
    standard_name: 'relative_humidity',
    unit: '%',
    level: '2.0',
    function: 'point',
    period: 'PT0S',
    decimals: 0,
    value: (s, t, noise) => Math.min(100, Math.max(15, 72 - 18 * diurnal(s, t) + 12 * noise(2))),
  },
  {
    standard_name: 'air_pressure_at_mean_sea_level',
    unit: 'hPa',
    level: '2.0',
    function: 'point',
    period: 'PT0S',
    decimals: 1,
    value: (_s, _t, noise) => 1013 + 12 * noise(3),
  },
  {
    standard_name: 'wind_speed',
    unit: 'm/s',
    level: '10.0',
    function: 'mean',
    period: 'PT10M',
    decimals: 1,
    value: (s, t, noise) => Math.max(0, 4 + 1.5 * diurnal(s, t) + 3 * noise(4)),
  },
  {
    standard_name: 'wind_from_direction',
    unit: 'deg',
    level: '10.0',
    function: 'mean',
    period: 'PT10M',
    decimals: 0,
    value: (_s, _t, noise) => (((240 + 90 * noise(5)) % 360) + 360) % 360,
  },
  {
    standard_name: 'precipitation_amount',
    unit: 'kg/m2',
    level: '2.0',
    function: 'sum',
    period: 'PT10M',
    decimals: 1,
    value: (_s, _t, noise) => Math.max(0, 2 * noise(6) - 1.2),
  },
];

/** The E-SOH messages the demo stations report at minute `t` (epoch ms, whole minutes). */
export function demoMessages(stations: readonly Station[], t: number): object[] {
  const minute = Math.round(t / 60_000);
  const datetime = new Date(minute * 60_000).toISOString().replace('.000Z', 'Z');
  return stations.flatMap((s, i) => {
    if (minute % s.cadence !== 0) return [];
    const noise = noiseFor(i, t);
    return parameters.map((p) => ({
      type: 'Feature',
      version: '4.0',
      geometry: { type: 'Point', coordinates: { lat: s.lat, lon: s.lon } },
      links: [{ href: 'https://github.com/obshub/obshub#demo-feed', rel: 'about', type: 'text/html' }],
      properties: {
        title: `${s.name} ${p.standard_name.replaceAll('_', ' ')}`,
        summary: 'Synthetic observations of the obshub demo feed: not real weather.',
        license: 'CC0-1.0',
        Conventions: 'CF-1.8, ACDD-1.3',
        naming_authority: DEMO_NAMING_AUTHORITY,
        institution: 'obshub demo',
        platform: s.id,
        platform_name: s.name,
        hamsl: s.elevation,
        level: p.level,
        function: p.function,
        period: p.period,
        datetime,
        content: {
          encoding: 'utf-8',
          standard_name: p.standard_name,
          unit: p.unit,
          value: p.value(s, t, noise).toFixed(p.decimals),
        },
      },
    }));
  });
}
