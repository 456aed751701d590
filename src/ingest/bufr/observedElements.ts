// Which BUFR elements are observations, and as what: CF standard name, the unit as the E-SOH message states
// it (E-SOH's unit table converts K, Pa and minutes), the height a value stands for when no 0 07 032 says,
// and the cell method when the element itself fixes it. Follows E-SOH's own BUFR mapping (EUMETNET
// rodeo-bufr-library), extended with the period elements of the surface templates (307080, 307091,
// 307092, 307096).

export interface ObservedElement {
  standardName: string;
  unit: string;
  /** Height of the sensor above ground (m) when no 0 07 032 is in force: E-SOH's defaults. */
  defaultLevel: number;
  /** Set when the element fixes the cell method; otherwise the context (0 08 021, 0 08 023) decides. */
  function?: 'maximum' | 'minimum' | 'sum';
  /** The period over which the value holds comes from the time displacements (0 04 024 …) before it. */
  periodic?: boolean;
  /** A period the element's definition fixes, in seconds (0 13 023: precipitation of the past 24 hours). */
  fixedPeriodS?: number;
  /** The value in `unit` from the BUFR value (0 20 010 total cloud cover: % to okta). */
  convert?: (value: number) => number | undefined;
  /** Decimals beyond the element's scale, so that E-SOH's unit conversion loses nothing (Pa to hPa). */
  extraDecimals?: number;
}

const pressure = (standardName: string): ObservedElement => ({
  standardName,
  unit: 'Pa',
  defaultLevel: 0,
  extraDecimals: 2,
});
const temperature = (standardName: string, fn?: 'maximum' | 'minimum'): ObservedElement => ({
  standardName,
  unit: 'K',
  defaultLevel: 2,
  ...(fn ? { function: fn, periodic: true } : {}),
});
const precipitation: ObservedElement = {
  standardName: 'precipitation_amount',
  unit: 'kg m-2',
  defaultLevel: 2,
  function: 'sum',
  periodic: true,
};

/** Observed elements by descriptor. */
export const observedElements: ReadonlyMap<string, ObservedElement> = new Map([
  ['010004', pressure('air_pressure')],
  ['010051', pressure('air_pressure_at_mean_sea_level')],
  ['011001', { standardName: 'wind_from_direction', unit: 'deg', defaultLevel: 10 }],
  ['011002', { standardName: 'wind_speed', unit: 'm/s', defaultLevel: 10 }],
  [
    '011041',
    {
      standardName: 'wind_speed_of_gust',
      unit: 'm/s',
      defaultLevel: 10,
      function: 'maximum',
      periodic: true,
    },
  ],
  ['011043', { standardName: 'wind_gust_from_direction', unit: 'deg', defaultLevel: 10, periodic: true }],
  ['012001', temperature('air_temperature')],
  ['012101', temperature('air_temperature')],
  ['012003', temperature('dew_point_temperature')],
  ['012103', temperature('dew_point_temperature')],
  ['012111', temperature('air_temperature', 'maximum')],
  ['012112', temperature('air_temperature', 'minimum')],
  ['013003', { standardName: 'relative_humidity', unit: '%', defaultLevel: 2 }],
  ['013011', precipitation],
  ['013023', { ...precipitation, periodic: false, fixedPeriodS: 86_400 }],
  [
    '014031',
    {
      standardName: 'duration_of_sunshine',
      unit: 'minutes',
      defaultLevel: 2,
      function: 'sum',
      periodic: true,
    },
  ],
  ['020001', { standardName: 'visibility_in_air', unit: 'm', defaultLevel: 2 }],
  [
    '020010',
    {
      standardName: 'cloud_area_fraction',
      unit: 'okta',
      defaultLevel: 2,
      // Eighths of the sky; more than 100 % is WMO's "sky obscured", which has no okta.
      convert: (percent) => (percent >= 0 && percent <= 100 ? Math.round(percent / 12.5) : undefined),
    },
  ],
]);
