// Units of observations, as E-SOH normalises them (EUMETNET/e-soh ingest/api/std_name_units.json,
// Apache-2.0): each standard name has one unit that is stored and served, aliases that mean the same
// unit, and conversions whose value is rewritten as (value + add) × mul with the sender's decimals kept.
// Standard names outside E-SOH's table are accepted in their CF canonical unit.
import { cfCanonicalUnit } from './cf.js';
import { pyFormatFixed } from './pyfloat.js';

interface Conversion {
  add?: number;
  mul?: number;
}
interface UnitRule {
  unit: string;
  aliases?: readonly string[];
  conversions?: Readonly<Record<string, Conversion>>;
}

const fromKelvin = { K: { add: -273.15 } };
const fromPascal = { Pa: { mul: 0.01 } };
const celsius: UnitRule = { unit: 'Cel', aliases: ['degC'], conversions: fromKelvin };
const hectopascal: UnitRule = { unit: 'hPa', conversions: fromPascal };
const degrees: UnitRule = { unit: 'deg', aliases: ['degrees', 'degree'] };
const wattsPerM2: UnitRule = { unit: 'W/m2', aliases: ['W m-2', 'Wm-2'] };
const energyPerM2: UnitRule = {
  unit: 'w.s.m-2',
  aliases: ['W s m-2', 'Ws/m2', 'Ws m-2', 'Wsm-2', 'J m-2', 'Jm-2'],
};
const okta: UnitRule = { unit: 'okta', aliases: ['oktas', 'okta', 'octa', 'octas'] };
const mmPerHour: UnitRule = { unit: 'mm/h', aliases: ['mm h-1', 'mm.h-1', 'mmh-1'] };
const kgPerM2: UnitRule = { unit: 'kg/m2', aliases: ['kg m-2', 'kgm-2', 'mm'] };
const metresPerSecond: UnitRule = { unit: 'm/s', aliases: ['m s-1', 'ms-1'] };
const metres: UnitRule = { unit: 'm' };
const seconds: UnitRule = { unit: 's' };
const centimetres: UnitRule = { unit: 'cm' };

const rules: Readonly<Record<string, UnitRule>> = {
  air_pressure: hectopascal,
  air_pressure_at_mean_sea_level: hectopascal,
  air_temperature: celsius,
  cloud_area_fraction: okta,
  cloud_base_altitude: metres,
  dew_point_temperature: celsius,
  diffuse_downwelling_shortwave_flux_in_air: wattsPerM2,
  downwelling_longwave_flux_in_air: wattsPerM2,
  duration_of_sunshine: { unit: 's', conversions: { minutes: { mul: 60 }, h: { mul: 3600 } } },
  equivalent_reflectivity_factor: { unit: 'dB' },
  integral_wrt_time_of_surface_downwelling_longwave_flux_in_air: energyPerM2,
  integral_wrt_time_of_surface_downwelling_shortwave_flux_in_air: energyPerM2,
  integral_wrt_time_of_surface_net_downward_longwave_flux: energyPerM2,
  integral_wrt_time_of_surface_net_downward_shortwave_flux: energyPerM2,
  latitude: degrees,
  longitude: degrees,
  low_type_cloud_area_fraction: okta,
  lwe_precipitation_rate: mmPerHour,
  precipitation_amount: kgPerM2,
  rainfall_amount: kgPerM2,
  rainfall_rate: mmPerHour,
  relative_humidity: { unit: '%', aliases: ['percent', '1/100'], conversions: { '1': { mul: 100 } } },
  sea_surface_swell_wave_from_direction: degrees,
  sea_surface_swell_wave_mean_period_from_variance_spectral_density_second_frequency_moment: seconds,
  sea_surface_swell_wave_significant_height: metres,
  sea_surface_temperature: celsius,
  sea_surface_wave_directional_spread: degrees,
  sea_surface_wave_energy_at_variance_spectral_density_maximum: {
    unit: 'm2.Hz',
    aliases: ['m2/Hz', 'm2 Hz-1', 'm2Hz-1'],
  },
  sea_surface_wave_from_direction: degrees,
  sea_surface_wave_from_direction_at_variance_spectral_density_maximum: degrees,
  sea_surface_wave_maximum_height: metres,
  sea_surface_wave_maximum_period: seconds,
  sea_surface_wave_mean_period: seconds,
  sea_surface_wave_mean_period_from_variance_spectral_density_first_frequency_moment: seconds,
  sea_surface_wave_mean_period_from_variance_spectral_density_second_frequency_moment: seconds,
  sea_surface_wave_period_at_variance_spectral_density_maximum: seconds,
  sea_surface_wave_period_of_highest_wave: seconds,
  sea_surface_wave_significant_height: metres,
  sea_surface_wave_significant_period: seconds,
  sea_surface_wind_wave_from_direction: degrees,
  sea_surface_wind_wave_mean_period_from_variance_spectral_density_second_frequency_moment: seconds,
  sea_surface_wind_wave_significant_height: metres,
  sea_water_electrical_conductivity: { unit: 'mS/cm', aliases: ['mS cm-1', 'mScm-1'] },
  sea_water_salinity: { unit: 'per mil', aliases: ['1/1000'] },
  sea_water_speed: metresPerSecond,
  sea_water_temperature: celsius,
  soil_temperature: celsius,
  solar_irradiance: wattsPerM2,
  surface_air_pressure: hectopascal,
  surface_diffuse_downwelling_shortwave_flux_in_air: wattsPerM2,
  surface_direct_downwelling_shortwave_flux_in_air: wattsPerM2,
  surface_downwelling_longwave_flux_in_air: wattsPerM2,
  surface_downwelling_photosynthetic_photon_flux_in_air: {
    unit: 'umol.m-2.s-1',
    aliases: ['umol/sm2', 'umol sm-2', 'umolsm-2'],
  },
  surface_downwelling_photosynthetic_radiative_flux_in_air: {
    unit: 'mmol.m-2',
    aliases: ['mE/m2', 'mE m-2', 'mEm-2'],
  },
  surface_downwelling_shortwave_flux_in_air: wattsPerM2,
  surface_net_downward_radiative_flux: wattsPerM2,
  surface_snow_thickness: centimetres,
  surface_temperature: celsius,
  surface_upwelling_longwave_flux_in_air: wattsPerM2,
  surface_upwelling_radiance_in_air: { unit: 'W/m2/sr', aliases: ['Wm-2sr-1', 'W m-2 sr-1'] },
  surface_upwelling_shortwave_flux_in_air: wattsPerM2,
  tendency_of_air_pressure: hectopascal,
  tendency_of_surface_air_pressure: hectopascal,
  thickness_of_snowfall_amount: centimetres,
  ultraviolet_index: { unit: 'index' },
  virtual_temperature: celsius,
  visibility_in_air: metres,
  wet_bulb_temperature: celsius,
  wind_from_direction: degrees,
  wind_gust_from_direction: degrees,
  wind_speed: metresPerSecond,
  wind_speed_of_gust: metresPerSecond,
};

/** A conversion keeps the sender's decimals (as E-SOH does) up to this many (Number#toFixed's limit). */
const MAX_KEPT_DECIMALS = 100;

export type UnitNormalisation = { ok: true; unit: string; value: string } | { ok: false; reason: string };

/** The unit stored for a standard name: E-SOH's unit, or the CF canonical unit outside E-SOH's table. */
export function storedUnit(standardName: string): string | undefined {
  return rules[standardName]?.unit ?? cfCanonicalUnit(standardName);
}

/**
 * Normalises `unit` for `standardName` to the stored unit, converting `value` where E-SOH converts it.
 * `value` is the observation's text; a conversion keeps its number of decimals, as E-SOH does.
 */
export function normaliseUnit(standardName: string, unit: string, value: string): UnitNormalisation {
  const rule = rules[standardName] ?? { unit: cfCanonicalUnit(standardName) ?? '' };
  if (unit === rule.unit || rule.aliases?.includes(unit)) return { ok: true, unit: rule.unit, value };
  const conversion =
    rule.conversions && Object.hasOwn(rule.conversions, unit) ? rule.conversions[unit] : undefined;
  if (conversion) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) {
      return { ok: false, reason: `value "${value}" must be a number to convert ${unit} to ${rule.unit}` };
    }
    const parts = value.split('.');
    const decimals = parts.length === 2 ? (parts[1]?.length ?? 0) : 0;
    if (decimals > MAX_KEPT_DECIMALS) {
      return {
        ok: false,
        reason: `value "${value}" has more than ${MAX_KEPT_DECIMALS} decimals, too many to keep when converting ${unit} to ${rule.unit}`,
      };
    }
    const converted = (number + (conversion.add ?? 0)) * (conversion.mul ?? 1);
    return { ok: true, unit: rule.unit, value: pyFormatFixed(converted, decimals) };
  }
  const allowed = [rule.unit, ...(rule.aliases ?? []), ...Object.keys(rule.conversions ?? {})];
  return {
    ok: false,
    reason: `unit "${unit}" is not known for ${standardName}; use one of ${allowed.map((u) => `"${u}"`).join(', ')}`,
  };
}
