// The parameter picker's model: the collection's `parameter_names` grouped by standard name, each option
// named by its level, method and period ("2 m · mean over 10 min").
import { t } from '../strings';

export interface ParameterInfo {
  /** E-SOH parameter name `standard_name:level:method:duration`. */
  name: string;
  standardName: string;
  /** e.g. "Air temperature". */
  label: string;
  levelM: number;
  method: string;
  duration: string;
  /** Unit symbol to show, e.g. "°C". */
  unit: string;
}

export interface ParameterGroup {
  standardName: string;
  label: string;
  parameters: ParameterInfo[];
}

/** The bits of an EDR collection's `parameter_names` entry that the app reads. */
export interface EdrParameter {
  label?: string;
  unit?: { label?: string; symbol?: { value?: string } | string };
  measurementType?: { method?: string; duration?: string };
  'metocean:standard_name'?: string;
  'metocean:level'?: number;
}

export function parameterInfo(name: string, p: EdrParameter): ParameterInfo {
  const [standardName = name, level = '0', method = '', duration = ''] = name.split(':');
  const symbol = typeof p.unit?.symbol === 'string' ? p.unit.symbol : p.unit?.symbol?.value;
  return {
    name,
    standardName: p['metocean:standard_name'] ?? standardName,
    label: p.label ?? humanise(standardName),
    levelM: p['metocean:level'] ?? Number(level),
    method: p.measurementType?.method ?? method,
    duration: p.measurementType?.duration ?? duration,
    unit: symbol ?? p.unit?.label ?? '',
  };
}

export function humanise(standardName: string): string {
  const words = standardName.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "PT10M" → "10 min", "PT1H" → "1 h", "PT0S" → "" (an instant). */
export function durationLabel(duration: string): string {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (!m) return duration;
  const [, h, min, s] = m;
  return [h && `${h} h`, min && `${min} min`, s && s !== '0' && `${s} s`].filter(Boolean).join(' ');
}

/** "2 m · mean over 10 min", or "2 m" for an instantaneous value. */
export function variantLabel(p: ParameterInfo): string {
  const over = durationLabel(p.duration);
  const level = `${p.levelM} m`;
  if (!over || p.method === 'point') return level;
  return `${level} · ${t.explore.methodOver(p.method, over)}`;
}

export function groupParameters(parameterNames: Record<string, EdrParameter>): ParameterGroup[] {
  const groups = new Map<string, ParameterGroup>();
  for (const [name, p] of Object.entries(parameterNames)) {
    const info = parameterInfo(name, p);
    let group = groups.get(info.standardName);
    if (!group) {
      group = { standardName: info.standardName, label: info.label, parameters: [] };
      groups.set(info.standardName, group);
    }
    group.parameters.push(info);
  }
  const sorted = [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
  for (const g of sorted) {
    g.parameters.sort(
      (a, b) =>
        a.levelM - b.levelM || a.method.localeCompare(b.method) || a.duration.localeCompare(b.duration),
    );
  }
  return sorted;
}

/** The default parameter: air temperature when there is one, else the first. */
export function defaultParameter(groups: readonly ParameterGroup[]): string | undefined {
  const preferred = groups.find((g) => g.standardName === 'air_temperature') ?? groups[0];
  return preferred?.parameters[0]?.name;
}
