// EDR / CoverageJSON parameter objects exactly as E-SOH builds them (api/formatters/covjson.py
// make_parameter, api/metadata_endpoints.py): language maps in CoverageJSON, plain strings in the
// collection's parameter_names (EDR issue #427), QUDT symbols, `metocean:` members.
import { formatDurationSeconds } from '../core/duration.js';
import { formatLevel } from '../core/series.js';
import { pyf } from './json.js';
import { unitSymbol } from './qudt.js';

export interface ParameterSource {
  standardName: string;
  levelCm: number;
  function: string;
  periodS: number;
  unit: string;
}

/** "air_temperature" → "Air temperature" (Python's str.capitalize, underscores to spaces). */
export function standardNameLabel(standardName: string): string {
  const lower = standardName.toLowerCase();
  return (lower.charAt(0).toUpperCase() + lower.slice(1)).split('_').join(' ');
}

function parts(p: ParameterSource) {
  const level = formatLevel(p.levelCm);
  const period = formatDurationSeconds(p.periodS);
  const label = standardNameLabel(p.standardName);
  return {
    label,
    period,
    description: `${label} at ${level}m, aggregated over ${period} with method '${p.function}'`,
    observedId: `https://vocab.nerc.ac.uk/standard_name/${p.standardName}`,
    symbol: unitSymbol(p.unit),
  };
}

/** A CoverageJSON Parameter (data answers and /locations). */
export function coverageParameter(p: ParameterSource): Record<string, unknown> {
  const x = parts(p);
  return {
    type: 'Parameter',
    description: { en: x.description },
    observedProperty: { id: x.observedId, label: { en: x.label } },
    unit: { label: { en: p.unit }, symbol: x.symbol },
    'metocean:measurementType': { method: p.function, duration: x.period },
    'metocean:standard_name': p.standardName,
    'metocean:level': pyf(p.levelCm / 100),
  };
}

/** An EDR collection Parameter (collection metadata's parameter_names). */
export function collectionParameter(p: ParameterSource): Record<string, unknown> {
  const x = parts(p);
  return {
    type: 'Parameter',
    label: x.label,
    description: x.description,
    unit: { label: p.unit, symbol: x.symbol },
    observedProperty: { id: x.observedId, label: x.label },
    measurementType: { method: p.function, duration: x.period },
    'metocean:standard_name': p.standardName,
    'metocean:level': pyf(p.levelCm / 100),
  };
}
