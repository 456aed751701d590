import { BufrError } from './errors.js';

/** Reads big-endian bit fields from one section of a message, never past the section's end. */
export class BitReader {
  private bit: number;
  private readonly endBit: number;

  /**
   * @param bytes the whole input
   * @param start byte offset of the first bit to read
   * @param end byte offset just after the last byte that may be read
   */
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    end: number,
  ) {
    this.bit = start * 8;
    this.endBit = end * 8;
  }

  /** Byte offset of the next bit to read, in the whole input. */
  get offset(): number {
    return Math.floor(this.bit / 8);
  }

  /** Reads an unsigned integer of `width` bits (at most 53, JavaScript's exact integer range). */
  read(width: number, what: string): number {
    if (width > 53)
      throw new BufrError(`${what} is ${width} bits wide; at most 53 are supported`, this.offset);
    const end = this.bit + width;
    if (end > this.endBit) {
      throw new BufrError(
        `data section ends before ${what} (${width} bits needed, ${this.endBit - this.bit} left)`,
        this.offset,
      );
    }
    let value = 0;
    let bit = this.bit;
    while (bit < end) {
      const used = bit & 7;
      const take = Math.min(8 - used, end - bit);
      const chunk = (this.bytes[bit >>> 3]! >>> (8 - used - take)) & ((1 << take) - 1);
      value = value * (1 << take) + chunk;
      bit += take;
    }
    this.bit = end;
    return value;
  }

  /**
   * Reads `width` bits as CCITT IA5 characters: null when every bit is set (missing). Text is padded to its
   * width with spaces or (ecCodes) NULs: it ends at the first NUL, trailing spaces removed.
   */
  readString(width: number, what: string): string | null {
    if (width % 8 !== 0)
      throw new BufrError(`${what} is ${width} bits wide, not whole characters`, this.offset);
    let text = '';
    let allSet = true;
    for (let i = 0; i < width; i += 8) {
      const code = this.read(8, what);
      if (code !== 0xff) allSet = false;
      text += String.fromCharCode(code);
    }
    // Strings are padded with spaces (some encoders use NULs) to their field width.
    if (allSet && width > 0) return null;
    const end = text.indexOf('\0');
    return (end === -1 ? text : text.slice(0, end)).trimEnd();
  }
}
