/**
 * Everything wrong with a BUFR input is reported as a BufrError, saying what and where: the byte offset in
 * the input given to the decoder. The decoder throws nothing else for bad input.
 */
export class BufrError extends Error {
  /** Byte offset in the input where the problem was found. */
  readonly offset: number;
  /** What is wrong, without the offset. */
  readonly detail: string;

  constructor(detail: string, offset: number) {
    super(`${detail} (at byte ${offset})`);
    this.name = 'BufrError';
    this.detail = detail;
    this.offset = offset;
  }
}
