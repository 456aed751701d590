// The body of a data query answer: sent whole when it is small, streamed when it is large. Most answers
// (one station, a few stations) are a few kilobytes that the encoder produces at once; sending them as
// one buffer with a Content-Length costs one socket write, where a stream costs a write per chunk plus
// the chunked-encoding trailer.
import { Readable } from 'node:stream';

/** Up to this many characters are gathered before the answer is sent as a stream instead. */
const WHOLE_BODY_BYTES = 256 * 1024;

export async function answerBody(parts: AsyncIterable<string>): Promise<Buffer | Readable> {
  const iterator = parts[Symbol.asyncIterator]();
  const head: string[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return Buffer.from(head.join(''), 'utf8');
    head.push(next.value);
    size += next.value.length;
    if (size > WHOLE_BODY_BYTES) break;
  }
  async function* rest() {
    try {
      yield* head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // A client that went away ends the stream early: let the encoder and the query behind it stop too.
      await iterator.return?.();
    }
  }
  return Readable.from(rest());
}
