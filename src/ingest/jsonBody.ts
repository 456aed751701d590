// An E-SOH JSON ingest body from its bytes to a normalised batch: gzip, the body's shape measured before
// it is parsed (too many messages, too long an array or too deep a nesting is refused without building the
// objects), strict UTF-8 (nothing is silently replaced), JSON, then validation (normalise.ts). Run on the
// event loop or in a validation worker (validationPool.ts); nothing here touches the hub's state.
import { ObshubError } from '../core/errors.js';
import { scanBodyShape } from './bodyShape.js';
import { gunzipWithin } from './gzip.js';
import { fixedLimits, tooManyMessages, type IngestLimits } from './limits.js';
import { normaliseBatch, type NormalisedBatch, type Window } from './normalise.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON ingest body as it arrived, and what it is checked against. */
export interface JsonBatchTask {
  bytes: Uint8Array;
  /** Sent with Content-Encoding gzip. */
  gzip: boolean;
  /** INGEST_BODY_LIMIT: the most bytes the body may unpack to. */
  bodyLimit: number;
  window: Window;
  limits: IngestLimits;
}

/** The body's text: valid UTF-8 of an acceptable shape, or a 400/413/422. */
function bodyText(bytes: Buffer, limits: IngestLimits): string {
  const shape = scanBodyShape(bytes, {
    maxItems: limits.maxMessages,
    maxInnerItems: fixedLimits.arrayItems,
    maxDepth: fixedLimits.depth,
  });
  if (!shape.ok) {
    if ('tooManyItems' in shape) throw tooManyMessages(limits.maxMessages);
    const [path, message] =
      'tooLongAt' in shape
        ? [shape.tooLongAt, `has more than ${fixedLimits.arrayItems} items`]
        : [shape.tooDeepAt, `nests deeper than ${fixedLimits.depth} levels`];
    throw new ObshubError('INGEST_INVALID', '1 problem found; nothing was stored', {
      problems: [{ path, message }],
    });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ObshubError(
      'BODY_UNREADABLE',
      'the body is not valid UTF-8; send JSON encoded as UTF-8 (nothing is replaced or guessed)',
    );
  }
}

/** Unpacks, checks and parses the body (400/413/422 as ObshubError). */
async function parseJsonBody(task: JsonBatchTask): Promise<unknown> {
  // A worker receives the bytes as a plain Uint8Array: viewed as a Buffer, not copied.
  const raw = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  if (raw.length === 0) {
    throw new ObshubError(
      'BODY_UNREADABLE',
      'the request body is empty; send one E-SOH message or a JSON array of them',
    );
  }
  const bytes = task.gzip ? await gunzipWithin(raw, task.bodyLimit) : raw;
  const text = bodyText(bytes, task.limits);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ObshubError('BODY_UNREADABLE', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/** The body's batch, validated and normalised (problems listed in it); throws ObshubError on 400/413. */
export async function normaliseJsonBody(task: JsonBatchTask): Promise<NormalisedBatch> {
  return normaliseBatch(await parseJsonBody(task), task.window, task.limits);
}
