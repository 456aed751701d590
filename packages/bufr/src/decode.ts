// Decoding whole messages, and finding them in a file that may hold several with anything between them
// (GTS abbreviated headings, padding).
import { BitReader } from './bitReader.js';
import { type Column, type DataItem, DataWalker } from './data.js';
import { BufrError } from './errors.js';
import { type DataDescriptionSection, type IdentificationSection, readLayout } from './sections.js';
import { CompressedSource, UncompressedSource, type ValueSource } from './sources.js';
import { wmoTables } from './tables/index.js';

export interface DecodeOptions {
  /**
   * Most values one message may expand to, all subsets together (default 5 000 000, about 500 MB of decoded values): a bound on memory
   * and time whatever replication counts a damaged or hostile message declares.
   */
  maxValues?: number;
  /** Deepest nesting of sequences and replications (default 32). */
  maxDepth?: number;
}

export interface BufrMessage {
  /** Position of the message in the input (0 for the first). */
  index: number;
  /** Byte offset of the message's "BUFR" in the input, and its length in bytes. */
  offset: number;
  length: number;
  edition: number;
  /** Section 1. */
  identification: IdentificationSection;
  /** Section 2's content (centre-specific), when present. */
  localSection: Uint8Array | null;
  /** Section 3. */
  description: DataDescriptionSection;
  /** The built-in WMO table version used to decode (see resolveVersion). */
  tablesVersion: number;
  /** The decoded values: one list per subset, in descriptor order. */
  subsets: DataItem[][];
}

/** One subset's item of a column; a literal with every field is much faster than spreading. */
const item = (column: Column, subset: number): DataItem => {
  const { descriptor, key, name, unit, scale, reference, width } = column.definition;
  const value = column.values[subset] ?? null;
  const associated = column.associated;
  if (!associated) return { descriptor, key, name, unit, scale, reference, width, value };
  const associatedField = {
    width: associated.width,
    significance: associated.significance[subset] ?? associated.significance[0] ?? null,
    value: associated.values[subset]!,
  };
  return { descriptor, key, name, unit, scale, reference, width, value, associatedField };
};

/** Decodes the message that starts at `offset` of `bytes`. Throws BufrError for anything wrong. */
export function decodeMessage(
  bytes: Uint8Array,
  offset = 0,
  options: DecodeOptions = {},
  index = 0,
): BufrMessage {
  const layout = readLayout(bytes, offset);
  const { identification, description } = layout;
  if (identification.masterTable !== 0) {
    throw new BufrError(
      `master table ${identification.masterTable} is not supported (only 0, meteorology)`,
      offset + 11,
    );
  }
  const tables = wmoTables(identification.masterTablesVersion);
  const budget = { remaining: options.maxValues ?? 5_000_000, maxDepth: options.maxDepth ?? 32 };
  const reader = new BitReader(bytes, layout.dataStart, layout.dataEnd);
  const subsetCount = description.numberOfSubsets;

  const walk = (source: ValueSource): Column[] => {
    const walker = new DataWalker(tables, source, budget);
    walker.walk(layout.descriptorNumbers, 0);
    return walker.columns;
  };
  let subsets: DataItem[][];
  if (description.compressed) {
    const columns = walk(new CompressedSource(reader, subsetCount));
    subsets = Array.from({ length: subsetCount }, (_, s) => columns.map((column) => item(column, s)));
  } else {
    const source = new UncompressedSource(reader);
    subsets = Array.from({ length: subsetCount }, () => walk(source).map((column) => item(column, 0)));
  }
  return {
    index,
    offset,
    length: layout.length,
    edition: layout.edition,
    identification,
    localSection: layout.localSection,
    description,
    tablesVersion: tables.version,
    subsets,
  };
}

const BUFR = [0x42, 0x55, 0x46, 0x52];

/** Byte offset of the next "BUFR" at or after `from`, or -1. */
function nextStart(bytes: Uint8Array, from: number): number {
  for (
    let i = bytes.indexOf(BUFR[0]!, from);
    i !== -1 && i + 4 <= bytes.length;
    i = bytes.indexOf(BUFR[0]!, i + 1)
  ) {
    if (bytes[i + 1] === BUFR[1] && bytes[i + 2] === BUFR[2] && bytes[i + 3] === BUFR[3]) return i;
  }
  return -1;
}

/**
 * The messages of a file, one at a time: each "BUFR" starts a message, and whatever lies between messages
 * is skipped. A message that cannot be decoded ends the iteration with a BufrError naming the message.
 */
export function* bufrMessages(bytes: Uint8Array, options: DecodeOptions = {}): Generator<BufrMessage> {
  let index = 0;
  for (let at = nextStart(bytes, 0); at !== -1; index++) {
    let message: BufrMessage;
    try {
      message = decodeMessage(bytes, at, options, index);
    } catch (error) {
      if (!(error instanceof BufrError)) throw error;
      throw new BufrError(`message ${index} (starting at byte ${at}): ${error.detail}`, error.offset);
    }
    yield message;
    at = nextStart(bytes, at + message.length);
  }
}

/** Decodes every message of a file (see bufrMessages). */
export function decodeBufr(bytes: Uint8Array, options: DecodeOptions = {}): BufrMessage[] {
  return [...bufrMessages(bytes, options)];
}
