// The verification corpus: BUFR files in corpus/ and, for each, what ecCodes' `bufr_dump -j f` says they
// hold, in a compact form (corpus/expected/<file>.json) that the decoder's output is compared with.
import { readdirSync, readFileSync } from 'node:fs';
import { decodeBufr, type DataItem } from '../src/index.js';

export const corpusDir = new URL('../corpus/', import.meta.url);
export const expectedDir = new URL('../corpus/expected/', import.meta.url);

/** One value: descriptor, value, unit, scale, reference, width, and the associated field's value if any. */
export type Entry = [string, number | string | null, string, number, number, number, number?];

export interface Expected {
  file: string;
  messages: { subsets: Entry[][] }[];
}

export const corpusFiles = (): string[] =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith('.bufr'))
    .sort();

export const readExpected = (file: string): Expected =>
  JSON.parse(readFileSync(new URL(`${file}.json`, expectedDir), 'utf8')) as Expected;

/** JSON with one subset a line: small diffs, readable. */
export function formatExpected(expected: Expected): string {
  const messages = expected.messages.map(
    (m) => `{"subsets": [\n${m.subsets.map((s) => `  ${JSON.stringify(s)}`).join(',\n')}\n]}`,
  );
  return `{"file": ${JSON.stringify(expected.file)}, "messages": [\n${messages.join(',\n')}\n]}\n`;
}

/**
 * The decoder's output in the same form. ecCodes nests the significance of an associated field (0 31 021)
 * inside the elements it qualifies instead of listing it, so it is left out here.
 */
export function decodedEntries(item: DataItem): Entry | undefined {
  if (item.descriptor === '031021') return undefined;
  const entry: Entry = [item.descriptor, item.value, item.unit, item.scale, item.reference, item.width];
  if (item.associatedField) entry.push(item.associatedField.value);
  return entry;
}

export function decodeFile(bytes: Uint8Array): Expected['messages'] {
  return decodeBufr(bytes).map((m) => ({
    subsets: m.subsets.map((s) => s.map(decodedEntries).filter((e): e is Entry => e !== undefined)),
  }));
}

/**
 * Integers, text and missing values must be equal. bufr_dump prints doubles with 6 significant digits (as
 * C's %g), so a decoded double must print the same; the mapping tests compare full precision with the
 * KNMI values the corpus was made of. ecCodes removes trailing spaces of text in uncompressed messages
 * only; the decoder always does.
 */
const sameValue = (decoded: Entry[1], dumped: Entry[1]): boolean =>
  decoded === dumped ||
  (typeof decoded === 'string' && typeof dumped === 'string' && decoded === dumped.trimEnd()) ||
  (typeof decoded === 'number' && typeof dumped === 'number' && Number(decoded.toPrecision(6)) === dumped);

/** Every difference between two decodings of a file, each naming message, subset and position. */
export function differences(expected: Expected['messages'], actual: Expected['messages']): string[] {
  const found: string[] = [];
  if (expected.length !== actual.length) found.push(`${actual.length} messages, expected ${expected.length}`);
  expected.forEach((message, m) => {
    const subsets = actual[m]?.subsets ?? [];
    if (message.subsets.length !== subsets.length) {
      found.push(`message ${m}: ${subsets.length} subsets, expected ${message.subsets.length}`);
    }
    message.subsets.forEach((entries, s) => {
      const got = subsets[s] ?? [];
      if (entries.length !== got.length)
        found.push(`message ${m} subset ${s}: ${got.length} values, expected ${entries.length}`);
      entries.forEach((entry, i) => {
        const other = got[i];
        const same =
          other !== undefined &&
          other.length === entry.length &&
          entry.every((field, k) => (k === 1 ? sameValue(other[1], field ?? null) : field === other[k]));
        if (!same) {
          found.push(
            `message ${m} subset ${s} value ${i}: ${JSON.stringify(other)}, expected ${JSON.stringify(entry)}`,
          );
        }
      });
    });
  });
  return found;
}

/** How many values a decoding holds. */
export const valueCount = (messages: Expected['messages']): number =>
  messages.reduce((n, m) => n + m.subsets.reduce((k, s) => k + s.length, 0), 0);
