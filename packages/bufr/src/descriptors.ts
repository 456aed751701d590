// A descriptor F-XX-YYY is kept as the integer F×100000 + XX×1000 + YYY (012101, 301150…) and shown as six
// digits, the way ecCodes and the WMO tables print it.

export const f = (d: number): number => Math.floor(d / 100000);
export const x = (d: number): number => Math.floor(d / 1000) % 100;
export const y = (d: number): number => d % 1000;

/** Six digits, e.g. "012101". */
export const formatDescriptor = (d: number): string => String(d).padStart(6, '0');

/** Reads section 3's 16-bit form: F in 2 bits, X in 6, Y in 8. */
export const fromBits = (bits: number): number =>
  (bits >> 14) * 100000 + ((bits >> 8) & 0x3f) * 1000 + (bits & 0xff);

/** Local descriptors (X 48–63 or Y 192–255) are defined by a centre's local tables, not by WMO. */
export const isLocal = (d: number): boolean => x(d) >= 48 || y(d) >= 192;
