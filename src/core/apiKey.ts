// API keys: `obh_<id>_<secret>`. The prefix makes leaked keys easy to recognise (secret scanners); the id
// finds the stored row; only a SHA-256 hash of the whole key is stored (keys carry 256 bits of randomness,
// so a slow password hash would add nothing but latency to every request).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'obh_';
const FORMAT = /^obh_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  id: string;
  /** The whole key, shown to its owner once. */
  key: string;
  hash: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): NewApiKey {
  const id = randomId(16);
  const key = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

/** The key's id when `key` has the shape of an obshub API key, else undefined. */
export function apiKeyId(key: string): string | undefined {
  return FORMAT.exec(key)?.[1];
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
