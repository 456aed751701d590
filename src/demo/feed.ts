// The demo feed's messages: what the demo stations (stations.ts) report of the demo weather (weather.ts),
// as E-SOH messages. Deterministic: the same stations and time always give the same messages.
import type { DemoStation } from './stations.js';
import { demoWeather, type Weather } from './weather.js';

export const DEMO_NAMING_AUTHORITY = 'org.obshub.demo';

interface Parameter {
  standard_name: string;
  unit: string;
  level: string;
  function: string;
  period: string;
  decimals: number;
  value(w: Weather): number;
}

const parameters: Parameter[] = [
  {
    standard_name: 'air_temperature',
    unit: 'Cel',
    level: '2.0',
    function: 'point',
    period: 'PT0S',
    decimals: 1,
    value: (w) => w.airTemperature,
  },
  {
    standard_name: 'relative_humidity',
    unit: '%',
    level: '2.0',
    function: 'point',
    period: 'PT0S',
    decimals: 0,
    value: (w) => w.relativeHumidity,
  },
  {
    standard_name: 'air_pressure_at_mean_sea_level',
    unit: 'hPa',
    level: '2.0',
    function: 'point',
    period: 'PT0S',
    decimals: 1,
    value: (w) => w.pressureAtSeaLevel,
  },
  {
    standard_name: 'wind_speed',
    unit: 'm/s',
    level: '10.0',
    function: 'mean',
    period: 'PT10M',
    decimals: 1,
    value: (w) => w.windSpeed,
  },
  {
    standard_name: 'wind_from_direction',
    unit: 'deg',
    level: '10.0',
    function: 'mean',
    period: 'PT10M',
    decimals: 0,
    // 1…360 as stations report it: north is 360, 0 is kept for calm.
    value: (w) => ((Math.round(w.windFromDirection) + 359) % 360) + 1,
  },
  {
    standard_name: 'precipitation_amount',
    unit: 'kg/m2',
    level: '2.0',
    function: 'sum',
    period: 'PT10M',
    decimals: 1,
    value: (w) => w.precipitation10Min,
  },
];

/**
 * The E-SOH messages the demo stations report at minute `t` (epoch ms, whole minutes). Each links to the
 * station's data in the hub that `publicUrl` names (its PUBLIC_URL): a page that exists once the first
 * message is stored, where a link to a provider's station page would point nowhere.
 */
export function demoMessages(stations: readonly DemoStation[], t: number, publicUrl: string): object[] {
  const minute = Math.round(t / 60_000);
  const datetime = new Date(minute * 60_000).toISOString().replace('.000Z', 'Z');
  return stations.flatMap((s) => {
    if (minute % s.cadence !== 0) return [];
    const weather = demoWeather(s, minute * 60_000);
    const link = {
      href: `${publicUrl}/collections/observations/locations/${encodeURIComponent(s.id)}`,
      rel: 'related',
      type: 'application/prs.coverage+json',
      title: `Observations of ${s.name} in this hub (synthetic)`,
    };
    return parameters.map((p) => ({
      type: 'Feature',
      version: '4.0',
      geometry: { type: 'Point', coordinates: { lat: s.lat, lon: s.lon } },
      links: [link],
      properties: {
        title: `${s.name} ${p.standard_name.replaceAll('_', ' ')}`,
        summary: 'Synthetic observations of the obshub demo feed: not real weather, not a real station.',
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
          // + 0 turns -0 (a rounded -0.04 °C) into 0, so no "-0.0" is reported.
          value: (Math.round(p.value(weather) * 10 ** p.decimals) / 10 ** p.decimals + 0).toFixed(p.decimals),
        },
      },
    }));
  });
}
