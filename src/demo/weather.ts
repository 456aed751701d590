// The demo weather: the climatology plus weather systems. Synoptic fields (pressure, air-mass temperature,
// wetness) are smooth noise over space and time, features ~1000 km and a few days across, drifting east
// with the westerlies, so neighbouring stations see the same highs, lows and fronts. The other quantities
// follow from them where that is cheap: wind from the pressure gradient (geostrophic, slowed and turned
// towards low pressure by friction), warm air with southerly winds, cloud and rain with lows, humidity from
// a dew point near the night's minimum that closes up in rain. Each station adds its own short-term
// wobble. Deterministic: a pure function of the station and the time.
import {
  dailyMeanTemperature,
  diurnalAmplitude,
  diurnalShape,
  noonSun,
  seasonalWarmth,
  solarHour,
  continentality,
  type Site,
} from './climate.js';
import { noise1, noise3 } from './noise.js';

export interface Weather {
  /** °C at 2 m. */
  airTemperature: number;
  /** % at 2 m. */
  relativeHumidity: number;
  /** hPa. */
  pressureAtSeaLevel: number;
  /** m/s at 10 m. */
  windSpeed: number;
  /** Degrees clockwise from north, where the wind comes from. */
  windFromDirection: number;
  /** mm (kg/m²) fallen in the last 10 minutes. */
  precipitation10Min: number;
}

const DAY_MS = 86_400_000;
const KM_PER_DEGREE = 111.2;
const DEG = Math.PI / 180;
/** How fast weather systems drift east, km per day (about 6 m/s). */
const DRIFT_KM_PER_DAY = 500;
const FIELD = { pressure: 101, airMass: 202, wetness: 303, showers: 404 } as const;

/** A synoptic field of unit standard deviation: two octaves, drifting east, evolving in time. */
function synoptic(seed: number, xKm: number, yKm: number, days: number, km: number, period: number): number {
  const x = xKm - DRIFT_KM_PER_DAY * days;
  const coarse = noise3(seed, x / km, yKm / km, days / period);
  const fine = noise3(seed + 1, (2 * x) / km, (2 * yKm) / km, (2 * days) / period);
  return (coarse + 0.5 * fine) / Math.sqrt(1.25);
}

/** Mean sea-level pressure, hPa: the Azores high to the Icelandic low, then highs and lows. */
function pressureField(xKm: number, yKm: number, days: number, coldSeason: number) {
  const lat = yKm / KM_PER_DEGREE;
  // 1020 hPa at 35°N falling to 1005 at 65°N, ever faster: calm on average in the south, westerlies
  // strengthening northwards.
  const mean = 1020 - 15 * ((lat - 35) / 30) ** 2;
  const spread = (4 + 0.25 * (lat - 35)) * (1 + 0.25 * coldSeason);
  const anomaly = synoptic(FIELD.pressure, xKm, yKm, days, 1400, 3);
  // A soft limit keeps it within the 970–1040 hPa that European lows and highs rarely leave.
  const value = 1005 + 35 * Math.tanh((mean + spread * anomaly - 1005) / 35);
  return { value, anomaly };
}

/** A station's own seed, from its id (FNV-1a), so its wobble does not depend on its place in a list. */
function stationSeed(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Saturation vapour pressure over water, hPa (Magnus). */
const saturation = (celsius: number) => 6.112 * Math.exp((17.62 * celsius) / (243.12 + celsius));

export function demoWeather(station: Site & { id: string }, t: number): Weather {
  const seed = stationSeed(station.id);
  const days = t / DAY_MS;
  const yKm = station.lat * KM_PER_DEGREE;
  const xKm = station.lon * KM_PER_DEGREE * Math.cos(station.lat * DEG);
  const { inland, east, southInterior } = continentality(station);
  const warmth = seasonalWarmth(station, t);
  const [summer, winter] = [(1 + warmth) / 2, (1 - warmth) / 2];
  const shape = diurnalShape(solarHour(station, t));

  // Wind: geostrophic from the pressure gradient, a third to a half of it at the surface (more by the
  // sea), turned 25° towards low pressure, stronger when the afternoon sun mixes the air down.
  const pressureAt = (dx: number, dy: number) => pressureField(xKm + dx, yKm + dy, days, -warmth);
  const pressure = pressureAt(0, 0);
  // Central differences over ±20 km, in hPa per km.
  const dPdx = (pressureAt(20, 0).value - pressureAt(-20, 0).value) / 40;
  const dPdy = (pressureAt(0, 20).value - pressureAt(0, -20).value) / 40;
  const coriolis = 2 * 7.292e-5 * Math.sin(station.lat * DEG);
  const geostrophic = 0.1 / (1.25 * coriolis); // hPa/km → Pa/m, over air density × Coriolis parameter
  const [ug, vg] = [-geostrophic * dPdy, geostrophic * dPdx];
  const turn = 25 * DEG;
  const friction =
    (0.35 + 0.2 * Math.exp(-station.coastKm / 30)) * (0.85 + 0.3 * noonSun(station, t) * Math.max(0, shape));
  const u = friction * (ug * Math.cos(turn) - vg * Math.sin(turn));
  const v = friction * (ug * Math.sin(turn) + vg * Math.cos(turn));
  const gust = 1 + 0.15 * noise1(seed + 4, t / 600_000);
  const windSpeed = Math.hypot(u, v) * Math.max(0.3, gust);
  const veer = (25 / (1 + windSpeed)) * noise1(seed + 5, t / 900_000);
  const windFromDirection = (((Math.atan2(-u, -v) / DEG + veer) % 360) + 360) % 360;

  // Air mass: its own field plus warm air on southerly winds; larger swings inland and in winter.
  const swing = 1.5 + 2.5 * ((inland + east) / 2) * (0.6 + 0.8 * winter);
  const southerly = Math.max(-1.5, Math.min(1.5, vg / 15));
  const airMass = swing * (0.8 * synoptic(FIELD.airMass, xKm, yKm, days, 1000, 2.5) + 0.6 * southerly);

  // Wetness: its own field and low pressure; the south is drier, its summers dry.
  const dryness = (0.25 + 0.75 * summer) * Math.min(1, Math.max(0, (45 - station.lat) / 10));
  const wetness =
    (0.75 * synoptic(FIELD.wetness, xKm, yKm, days, 700, 1.5) - 0.55 * pressure.anomaly) / 0.93 -
    1.5 * dryness;
  const cloud = 1 / (1 + Math.exp(-1.8 * (wetness + 0.2)));

  // Rain: steady where it is wettest (fronts), showers from cells ~25 km across that live ~40 minutes,
  // most of them in the afternoon.
  const frontal = 1.5 * Math.max(0, wetness - 1.3);
  const cell = noise3(FIELD.showers, xKm / 25, yKm / 25, t / 2_400_000);
  const afternoon = 0.4 + 0.6 * noonSun(station, t) * Math.max(0, shape);
  const showers = 7 * Math.max(0, cell - 1.7) * Math.min(1, Math.max(0, wetness + 0.5)) * afternoon;
  const rainPerHour = frontal + showers;

  const amplitude = diurnalAmplitude(station, t, cloud);
  const dailyMean = dailyMeanTemperature(station, t) + airMass;
  const airTemperature = dailyMean + amplitude * shape + 0.25 * noise1(seed + 1, t / 900_000);

  // The dew point sits near the night's minimum, lower in dry southern summers and dry air masses,
  // closer under wet skies, at the temperature in rain.
  const depression =
    (1 + summer * (15 * southInterior + 3 * inland)) *
    (wetness > 0 ? Math.exp(-0.7 * wetness) : 1 - 0.3 * wetness);
  const dewPoint = rainPerHour > 0.1 ? airTemperature - 0.3 : dailyMean - amplitude - depression;
  const relativeHumidity = Math.max(
    3,
    Math.min(100, (100 * saturation(dewPoint)) / saturation(airTemperature)),
  );

  return {
    airTemperature,
    relativeHumidity,
    pressureAtSeaLevel: pressure.value + 0.1 * noise1(seed + 3, t / 1_800_000),
    windSpeed,
    windFromDirection,
    precipitation10Min: rainPerHour / 6,
  };
}
