// QUDT unit symbols that E-SOH adds to parameter units (api/constants/qudt_units.json, generated from the
// QUDT vocabulary per standard name). Keyed here by the stored unit, which E-SOH fixes per standard name.
export interface UnitSymbol {
  type: string;
  value: string;
}

const QUDT = 'https://qudt.org/vocab/unit/';
const symbols: Readonly<Record<string, [string, string]>> = {
  Cel: ['DEG_C', '°C'],
  hPa: ['HectoPA', 'hPa'],
  'm/s': ['M-PER-SEC', 'm/s'],
  '%': ['PERCENT', '%'],
  okta: ['OKTA', 'okta'],
  'kg/m2': ['KiloGM-PER-M2', 'kg/m²'],
  'W/m2': ['W-PER-M2', 'W/m²'],
  deg: ['DEG', '°'],
  'mm/h': ['MilliM-PER-HR', 'mm/h'],
  m: ['M', 'm'],
  s: ['SEC', 's'],
  cm: ['CentiM', 'cm'],
  K: ['K', 'K'],
  Pa: ['PA', 'Pa'],
};

/** The QUDT symbol of a stored unit, or undefined when E-SOH has none for it. */
export function unitSymbol(unit: string): UnitSymbol | undefined {
  const s = symbols[unit];
  return s ? { type: QUDT + s[0], value: s[1] } : undefined;
}
