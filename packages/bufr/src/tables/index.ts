// The WMO master tables B and D by version, parsed from the generated lines on first use.
import { latestElements, latestSequences, latestVersion, olderVersions } from './wmo.generated.js';

/** A table B entry: how an element is encoded and what it means. */
export interface ElementDefinition {
  /** Six digits, e.g. "012101". */
  descriptor: string;
  /** ecCodes' key, e.g. "airTemperature". */
  key: string;
  /** WMO's element name, e.g. "TEMPERATURE/AIR TEMPERATURE". */
  name: string;
  /** WMO's unit: an SI unit ("K", "Pa", "m/s"), "CODE TABLE", "FLAG TABLE", "CCITT IA5" or "Numeric". */
  unit: string;
  scale: number;
  reference: number;
  /** Bits of one value (for CCITT IA5, 8 per character). */
  width: number;
}

/** Tables B and D of one master table version. */
export interface WmoTables {
  /** The version these tables are (see resolveVersion). */
  version: number;
  element(descriptor: number): ElementDefinition | undefined;
  sequence(descriptor: number): readonly number[] | undefined;
}

/** The master table versions whose tables are built in, oldest first. */
export const availableVersions: readonly number[] = [
  ...olderVersions.map((v) => v.version),
  latestVersion,
].sort((a, b) => a - b);

/**
 * The built-in version used for a message's master table version: the same version when built in, else
 * the nearest newer one (WMO only adds to the tables, so a newer version decodes an older message), and
 * the newest for a version newer than any built in.
 */
export function resolveVersion(requested: number): number {
  return availableVersions.find((v) => v >= requested) ?? latestVersion;
}

const parsed = new Map<number, WmoTables>();

function parseElement(line: string): [number, ElementDefinition] {
  const [descriptor = '', key = '', unit = '', scale, reference, width, name = ''] = line.split('|');
  const definition = {
    descriptor,
    key,
    name,
    unit,
    scale: Number(scale),
    reference: Number(reference),
    width: Number(width),
  };
  return [Number(descriptor), definition];
}

function parseSequence(line: string): [number, readonly number[]] {
  const [descriptor = '', members = ''] = line.split('|');
  return [Number(descriptor), members.split(' ').map(Number)];
}

/** The tables for a message's master table version (resolved with resolveVersion). */
export function wmoTables(requestedVersion: number): WmoTables {
  const version = resolveVersion(requestedVersion);
  let tables = parsed.get(version);
  if (tables) return tables;
  const elements = new Map(latestElements.map(parseElement));
  const sequences = new Map(latestSequences.map(parseSequence));
  for (const older of olderVersions) {
    if (older.version < version) break;
    for (const line of older.elements) elements.set(...parseElement(line));
    for (const line of older.sequences) sequences.set(...parseSequence(line));
  }
  tables = {
    version,
    element: (d) => elements.get(d),
    sequence: (d) => sequences.get(d),
  };
  parsed.set(version, tables);
  return tables;
}
