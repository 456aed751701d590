// Answers shared by the query processes through Redis (REDIS_URL): an answer one process computed is
// served by the others without the database, under the same key as the in-memory answer cache (the
// ETag: data version, what the caller may see, URL; and Accept). Each entry expires with its route's
// max-age, so Redis holds at most what the query routes answered within a few minutes; a write makes
// every older key unreachable, as in memory. Redis is a cache here: a command that fails or takes more
// than 100 ms counts as a miss, and the query runs.
import { hash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { CachedAnswer } from './caching.js';

export interface SharedAnswers {
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Keeps `answer` for `ttlMs` (fire and forget). */
  set(key: string, answer: CachedAnswer, ttlMs: number): void;
  close(): Promise<void>;
}

/** Entries are the answer's bytes after a first line of JSON with its content type and time kept. */
function encode(answer: CachedAnswer): Buffer {
  const head = JSON.stringify({ contentType: answer.contentType, keptMs: answer.keptMs });
  return Buffer.concat([Buffer.from(`${head}\n`), answer.body]);
}

function decode(value: Buffer): CachedAnswer | undefined {
  const end = value.indexOf(0x0a);
  if (end < 0) return undefined;
  const head = JSON.parse(value.subarray(0, end).toString('utf8')) as Omit<CachedAnswer, 'body'>;
  return { ...head, body: value.subarray(end + 1) };
}

export class RedisAnswers implements SharedAnswers {
  private readonly client: Redis;

  constructor(
    url: string,
    /** REDIS_KEY_PREFIX. */
    private readonly prefix: string,
    /**
     * The settings that shape answers besides the data and the URL (public URL, retention window, value
     * limit): processes configured otherwise never share answers.
     */
    private readonly scope: string,
    /** Largest answer shared (the in-memory cache's largest entry). */
    private readonly maxEntryBytes: number,
  ) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 100,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.client.on('error', () => undefined); // every failure is a miss; the client reconnects by itself
  }

  private keyOf(key: string): string {
    return `${this.prefix}answer:${hash('sha1', `${this.scope}\n${key}`, 'base64url')}`;
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      const value = await this.client.getBuffer(this.keyOf(key));
      return value ? decode(value) : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string, answer: CachedAnswer, ttlMs: number): void {
    if (answer.body.length > this.maxEntryBytes || ttlMs < 1) return;
    this.client.set(this.keyOf(key), encode(answer), 'PX', Math.round(ttlMs)).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
