// A simple climatology of near-surface air temperature for European sites: what the demo weather varies
// around. The seasonal mean and amplitude are linear in latitude and three continentality measures,
// fitted (least squares, then rounded) to approximate 1991–2020 January and July means of 53 European
// stations from Seville to Tromsø and Reykjavik to Kyiv: residuals 1.3 K (January) and 1.1 K (July) RMS,
// largest where the sea does more than distance and longitude say: 3–4 K too cold in winter on the
// Norwegian coast (Gulf Stream) and in Athens, 3 K too warm around the frozen Gulf of Bothnia.

export interface Site {
  lat: number;
  lon: number;
  /** Metres above mean sea level. */
  elevation: number;
  /** Distance to the nearest sea coast. */
  coastKm: number;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2422;
const DEG = Math.PI / 180;
/** Standard-atmosphere lapse rate, K per metre. */
const LAPSE_RATE = 0.0065;

/** Continentality measures, each 0…1: they set the seasonal and the diurnal amplitude. */
export function continentality(site: Site) {
  // Away from the sea (e-folding 100 km); east of the Atlantic (the westerlies bring its air, 10°W to
  // 30°E); southern interiors (Meseta, Po plain, Balkans: hot dry summers, 45°N to 35°N).
  const inland = 1 - Math.exp(-site.coastKm / 100);
  const east = Math.min(1, Math.max(0, (site.lon + 10) / 40));
  const southInterior = inland * Math.min(1, Math.max(0, (45 - site.lat) / 10));
  return { inland, east, southInterior };
}

/** Day of the year (0 = 1 January 00 UTC), continuous across years. */
function dayOfYear(t: number): number {
  const days = (t - Date.UTC(2000, 0, 1)) / DAY_MS;
  return ((days % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS;
}

/** Where a site is in its seasonal cycle: -1 on its coldest day, 1 on its warmest. */
export function seasonalWarmth(site: Site, t: number): number {
  const { inland, east } = continentality(site);
  // Inland the coldest day comes about mid January; by the ocean, which stores heat, in early February.
  const coldestDay = 35 - 15 * ((inland + east) / 2);
  return -Math.cos((2 * Math.PI * (dayOfYear(t) - coldestDay)) / YEAR_DAYS);
}

/** Climatological daily mean temperature (°C) of the site on the day of `t`. */
export function dailyMeanTemperature(site: Site, t: number): number {
  const { inland, east, southInterior } = continentality(site);
  const annualMean = 13.4 - 0.44 * (site.lat - 50) - 1.2 * inland - 1.7 * east + 6.5 * southInterior;
  const seasonalAmplitude = 4.7 + 0.04 * (site.lat - 50) + 1.7 * inland + 6 * east + 5.9 * southInterior;
  return annualMean + seasonalAmplitude * seasonalWarmth(site, t) - LAPSE_RATE * site.elevation;
}

/** Local mean solar time in hours, 0…24. */
export function solarHour(site: Site, t: number): number {
  return (((t / 3_600_000 + site.lon / 15) % 24) + 24) % 24;
}

/** Sine of the sun's height at local noon (0 if it stays below the horizon): how much the day heats. */
export function noonSun(site: Site, t: number): number {
  const declination = 23.44 * Math.sin((2 * Math.PI * (dayOfYear(t) - 80)) / YEAR_DAYS);
  return Math.max(0, Math.sin((90 - Math.abs(site.lat - declination)) * DEG));
}

/**
 * The shape of the diurnal cycle, -1 at dawn (06 solar time) and 1 at 15: a quick rise through the
 * morning (9 hours) and a slow fall through the evening and night (15 hours), flat at both turns.
 */
export function diurnalShape(hour: number): number {
  if (hour >= 6 && hour < 15) return -Math.cos((Math.PI * (hour - 6)) / 9);
  return Math.cos(Math.PI * (((hour - 15 + 24) % 24) / 15));
}

/**
 * Half the diurnal temperature range (K) under a sky `cloud` 0 (clear) … 1 (overcast): large under a
 * high sun, inland and in the dry south, small by the sea, in the northern winter and under cloud.
 */
export function diurnalAmplitude(site: Site, t: number, cloud: number): number {
  const { inland, east, southInterior } = continentality(site);
  const heating = noonSun(site, t) * (3.5 + inland + east + 7 * southInterior);
  return (1 + heating) * (1.25 - 0.6 * cloud);
}

/** The sky of an average day, for the climatology. */
const AVERAGE_CLOUD = 0.45;

/** The climatological temperature (°C) at the site and time, under an average sky. */
export function climatologicalTemperature(site: Site, t: number): number {
  return (
    dailyMeanTemperature(site, t) +
    diurnalAmplitude(site, t, AVERAGE_CLOUD) * diurnalShape(solarHour(site, t))
  );
}
