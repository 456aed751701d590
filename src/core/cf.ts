// CF standard names (CF Standard Name Table v83, shipped in src/core/cf/ with its licence note):
// the canonical name for a name or one of its aliases, and its canonical unit.
import table from './cf/cf-standard-names.json' with { type: 'json' };

const units: Readonly<Record<string, string>> = table.units;
const aliases: Readonly<Record<string, string>> = table.aliases;

export const cfTableVersion = table.version;

/** The canonical standard name for `name` (aliases mapped), or undefined when CF does not know it. */
export function canonicalStandardName(name: string): string | undefined {
  if (Object.hasOwn(units, name)) return name;
  const target = Object.hasOwn(aliases, name) ? aliases[name] : undefined;
  return target !== undefined && Object.hasOwn(units, target) ? target : undefined;
}

/** The CF canonical unit of a canonical standard name (e.g. "K" for air_temperature). */
export function cfCanonicalUnit(standardName: string): string | undefined {
  return Object.hasOwn(units, standardName) ? units[standardName] : undefined;
}
