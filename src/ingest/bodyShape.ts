// The shape of a JSON body read from its bytes before it is parsed: how many items its top-level array
// has, how long the arrays inside are and how deeply it nests. Parsing a hostile body can cost seconds of
// CPU and gigabytes (a million empty messages, millions of nested arrays), and validating a million-item
// array inside a message a huge error list; this scan is one pass over the bytes (strings are skipped
// natively) that stops at the first limit exceeded, so such a body is refused before it is parsed.
// It only measures: whether the body is valid JSON is for the parser to say.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

interface Level {
  array: boolean;
  /** Arrays: index of the current item. */
  index: number;
  /** Objects: byte range of the current key (its quotes included); -1 before the first. */
  keyStart: number;
  keyEnd: number;
  expectKey: boolean;
}

export interface ShapeLimits {
  /** Items of a top-level array (a batch of messages). */
  maxItems: number;
  /** Items of any other array. */
  maxInnerItems: number;
  /** Containers open at once (a top-level array of objects is 2 levels deep). */
  maxDepth: number;
}

export type BodyShape =
  | { ok: true }
  /** The top-level array has more than maxItems items. */
  | { ok: false; tooManyItems: true }
  /** The array at this JSON Pointer has more than maxInnerItems items. */
  | { ok: false; tooLongAt: string }
  /** A container opens deeper than maxDepth, at this JSON Pointer. */
  | { ok: false; tooDeepAt: string };

const pointerToken = (text: string) => text.replaceAll('~', '~0').replaceAll('/', '~1');

function keyOf(bytes: Buffer, level: Level): string {
  if (level.keyStart < 0) return '';
  try {
    return String(JSON.parse(bytes.toString('utf8', level.keyStart, level.keyEnd + 1)));
  } catch {
    return bytes.toString('utf8', level.keyStart + 1, level.keyEnd);
  }
}

function pathOf(bytes: Buffer, stack: readonly Level[]): string {
  return stack
    .map((level) => `/${level.array ? String(level.index) : pointerToken(keyOf(bytes, level))}`)
    .join('');
}

/** The position of the quote that closes the string opened at `start`, or -1. */
function stringEnd(bytes: Buffer, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let k = quote - 1; k > start && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/** Scans `bytes` (UTF-8 JSON) and stops at the first limit exceeded. */
export function scanBodyShape(bytes: Buffer, limits: ShapeLimits): BodyShape {
  const { maxItems, maxInnerItems, maxDepth } = limits;
  const stack: Level[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const end = stringEnd(bytes, i);
      if (end < 0) break; // an unterminated string: the parser reports it
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        top.keyStart = i;
        top.keyEnd = end;
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (stack.length >= maxDepth) return { ok: false, tooDeepAt: pathOf(bytes, stack) };
      const array = c === OPEN_ARRAY;
      stack.push({ array, index: 0, keyStart: -1, keyEnd: -1, expectKey: !array });
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      stack.pop();
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.array) {
        top.index++;
        if (stack.length === 1) {
          if (top.index >= maxItems) return { ok: false, tooManyItems: true };
        } else if (top.index >= maxInnerItems) {
          return { ok: false, tooLongAt: pathOf(bytes, stack.slice(0, -1)) };
        }
      } else if (top) {
        top.expectKey = true;
      }
    }
  }
  return { ok: true };
}
