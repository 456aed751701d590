// Section 4 holds each value either once per subset (uncompressed) or once for all subsets (compressed:
// a base value, the width of the increments, then one increment per subset). A ValueSource reads the next
// value in either layout and returns one entry per subset read at a time.
import type { BitReader } from './bitReader.js';

export interface ValueSource {
  /** How many subsets each read returns (all subsets when compressed, else 1). */
  readonly count: number;
  /** Byte offset of the next value, for errors. */
  readonly offset: number;
  /** Unsigned integers of `width` bits; all bits set means missing when `canBeMissing`. */
  numbers(width: number, canBeMissing: boolean, what: string): (number | null)[];
  /** CCITT IA5 text of `width` bits; all bits set means missing. */
  strings(width: number, what: string): (string | null)[];
}

const allOnes = (width: number): number => 2 ** width - 1;

export class UncompressedSource implements ValueSource {
  readonly count = 1;

  constructor(private readonly reader: BitReader) {}

  get offset(): number {
    return this.reader.offset;
  }

  numbers(width: number, canBeMissing: boolean, what: string): (number | null)[] {
    const raw = this.reader.read(width, what);
    return [canBeMissing && raw === allOnes(width) ? null : raw];
  }

  strings(width: number, what: string): (string | null)[] {
    return [this.reader.readString(width, what)];
  }
}

export class CompressedSource implements ValueSource {
  constructor(
    private readonly reader: BitReader,
    readonly count: number,
  ) {}

  get offset(): number {
    return this.reader.offset;
  }

  numbers(width: number, canBeMissing: boolean, what: string): (number | null)[] {
    const base = this.reader.read(width, what);
    const incrementWidth = this.reader.read(6, `${what} (increment width)`);
    if (incrementWidth === 0) {
      return new Array<number | null>(this.count).fill(canBeMissing && base === allOnes(width) ? null : base);
    }
    const values = new Array<number | null>(this.count);
    for (let i = 0; i < this.count; i++) {
      const increment = this.reader.read(incrementWidth, what);
      values[i] = canBeMissing && increment === allOnes(incrementWidth) ? null : base + increment;
    }
    return values;
  }

  strings(width: number, what: string): (string | null)[] {
    const base = this.reader.readString(width, what);
    const bytesEach = this.reader.read(6, `${what} (string width)`);
    if (bytesEach === 0) return new Array<string | null>(this.count).fill(base);
    const values = new Array<string | null>(this.count);
    for (let i = 0; i < this.count; i++) values[i] = this.reader.readString(bytesEach * 8, what);
    return values;
  }
}
