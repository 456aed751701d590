// Gzip request bodies and uploaded files, unpacked within the ingest body limit.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { ObshubError } from '../core/errors.js';

const gunzipAsync = promisify(gunzip);

/** True when the bytes start with gzip's magic number. */
export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The unpacked bytes: 413 beyond `limit` (INGEST_BODY_LIMIT), 400 when they are not gzip. */
export async function gunzipWithin(raw: Buffer, limit: number, what = 'body'): Promise<Buffer> {
  try {
    return await gunzipAsync(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ObshubError(
        'BODY_TOO_LARGE',
        `the decompressed ${what} exceeds the limit of ${limit} bytes (INGEST_BODY_LIMIT)`,
      );
    }
    throw new ObshubError('BODY_UNREADABLE', `the ${what} is not valid gzip: ${(err as Error).message}`);
  }
}

/** The body's Content-Encoding: gzip (true), none (false), or 415 for any other. */
export function isGzipEncoded(header: string | string[] | undefined): boolean {
  const encoding = String(header ?? 'identity').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return true;
  if (encoding === 'identity') return false;
  throw new ObshubError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Content-Encoding "${encoding}" is not supported; use gzip or none`,
  );
}
