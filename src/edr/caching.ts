// HTTP caching of the query API: ETag and Last-Modified from the data version (when data the caller may
// see last changed and, under a rolling window, the current minute), 304 on revalidation, and
// Cache-Control from the route's `cacheSeconds`. The version costs one small query, shared by the
// requests of the same second that see the same data; a 304 never runs the query itself. Another
// organisation's `recommended` data, invisible to a caller, never changes that caller's version.
// Answers of the routes that opt in (`cacheAnswers`) are kept in memory by that ETag: a request whose
// ETag was answered before gets the same bytes without a query, and a write (a new data version) makes
// every older entry unreachable; the least recently used go first once the cache is full. With REDIS_URL
// the query processes also share their answers (sharedAnswers.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { emit } from '../observability/index.js';
import type { Repositories } from '../storage/index.js';
import type { SharedAnswers } from './sharedAnswers.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cache-Control max-age of a 200 answer, in seconds. */
    cacheSeconds?: number;
    /**
     * The answer depends only on the stored observations the caller may see and the URL (not on other
     * services' state): it may be served from the answer cache.
     */
    cacheAnswers?: boolean;
  }
}

export interface DataVersion {
  key: string;
  lastModifiedMs: number;
}

/** The data version of callers who may not see `hidden` (a sorted list of naming authorities). */
export type VersionSource = (hidden: readonly string[]) => Promise<DataVersion>;

export function dataVersionSource(
  storage: Pick<Repositories, 'series'>,
  retentionSeconds: number | null,
  dataChanges?: (listener: () => void) => () => void,
  startedMs = Date.now(),
): VersionSource {
  const cached = new Map<string, { at: number; value: Promise<DataVersion> }>();
  // Writes drop the shared versions at once (a client revalidating right after its correction must not
  // get a stale 304): this process's own at once, other processes' as the bus brings them (and within
  // the second in any case).
  dataChanges?.(() => cached.clear());
  return (hidden) => {
    const now = Date.now();
    const scope = hidden.join('\n');
    const hit = cached.get(scope);
    if (hit && now - hit.at < 1000) return hit.value;
    const value = storage.series.dataVersion(hidden).then((v) => ({
      key: `${v.updatedMs ?? 0}|${retentionSeconds === null ? '' : Math.floor(now / 60_000)}`,
      lastModifiedMs: Math.max(v.updatedMs ?? startedMs, 0),
    }));
    value.catch(() => cached.delete(scope));
    // Few distinct scopes exist (one per organisation with hidden data); stale ones go after a second.
    if (cached.size > 1000) cached.clear();
    cached.set(scope, { at: now, value });
    return value;
  };
}

export interface CachedAnswer {
  contentType: string;
  body: Buffer;
  /** When it was kept (epoch ms): it is served for the route's max-age at most. */
  keptMs: number;
}

/** What an entry counts against the cache's bytes. */
const sizeOf = (key: string, entry: CachedAnswer) => entry.body.length + key.length;

/** Answers by key, bounded in bytes, least recently used evicted first. */
export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;

  constructor(
    /** Most bytes of answers kept (0: nothing is kept). */
    private readonly maxBytes: number,
    /** Largest single answer kept: a few huge answers must not push out many small ones. */
    readonly maxEntryBytes = Math.floor(maxBytes / 16),
  ) {}

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry); // now the most recently used
    }
    return entry;
  }

  set(key: string, entry: CachedAnswer): void {
    const size = sizeOf(key, entry);
    if (size > this.maxEntryBytes) return;
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.bytes -= sizeOf(key, replaced);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(oldest, old);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

const etagMatches = (header: string, etag: string) =>
  header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag.replace(/^W\//, ''));

/**
 * `hiddenFrom` names the naming authorities the caller may not see (callers entitled to other
 * `recommended` data get other answers for the same URL): the version is theirs, the list is part of the
 * ETag, and answers to callers with credentials are private.
 */
export function installCaching(
  app: FastifyInstance,
  version: VersionSource,
  hiddenFrom: (request: FastifyRequest) => Promise<string[]>,
  answers: AnswerCache,
  /**
   * With read replicas, an answer is kept only once its data version is this old: a replica may lag the
   * primary (whose version the key holds), and a stale answer must not be kept under a new version.
   */
  replicaSettleMs = 0,
  /** Answers shared with the other query processes (Redis), looked up when this process has none. */
  shared?: SharedAnswers,
): void {
  /** The answer-cache key of requests whose answer may be kept. */
  const keys = new WeakMap<FastifyRequest, string>();
  app.addHook('onRequest', async (request, reply) => {
    const seconds = request.routeOptions.config?.cacheSeconds;
    if (seconds === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const hidden = [...(await hiddenFrom(request))].sort();
    const v = await version(hidden);
    const etag = `W/"${createHash('sha1')
      .update(`${v.key}|${hidden.join('\n')}|${request.url}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    const lastModified = new Date(Math.floor(v.lastModifiedMs / 1000) * 1000);
    void reply
      .header('etag', etag)
      .header('last-modified', lastModified.toUTCString())
      .header('cache-control', `${request.principal.role ? 'private' : 'public'}, max-age=${seconds}`)
      .header('vary', 'Accept, Accept-Encoding, Authorization, X-API-Key');
    const inm = request.headers['if-none-match'];
    const ims = request.headers['if-modified-since'];
    const fresh = inm
      ? etagMatches(inm, etag)
      : ims !== undefined && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= lastModified.getTime();
    if (fresh) return reply.code(304).send();
    if (!request.routeOptions.config?.cacheAnswers) return;
    // The representation also depends on Accept (e.g. the landing page for browsers).
    const key = `${etag}\n${request.headers.accept ?? ''}`;
    // Never older than the route's max-age: an answer may also depend on the time of the request (the
    // latest values before now), which moves on even when the data does not.
    const young = (a: CachedAnswer | undefined) =>
      a && Date.now() - a.keptMs < seconds * 1000 ? a : undefined;
    let hit = young(answers.get(key));
    let outcome: 'hit' | 'shared' | 'miss' = hit ? 'hit' : 'miss';
    if (!hit && shared) {
      hit = young(await shared.get(key));
      if (hit) {
        answers.set(key, hit);
        outcome = 'shared';
      }
    }
    emit('query.cache', { outcome });
    if (hit) return reply.type(hit.contentType).send(hit.body);
    if (Date.now() - v.lastModifiedMs >= replicaSettleMs) keys.set(request, key);
  });
  // Runs before compression (registered before it): the answer is kept as the route made it.
  app.addHook('onSend', async (request, reply, payload) => {
    const key = keys.get(request);
    const contentType = reply.getHeader('content-type');
    if (key && reply.statusCode === 200 && Buffer.isBuffer(payload) && typeof contentType === 'string') {
      const answer = { contentType, body: payload, keptMs: Date.now() };
      answers.set(key, answer);
      shared?.set(key, answer, (request.routeOptions.config?.cacheSeconds ?? 0) * 1000);
    }
    if (reply.statusCode >= 400) {
      reply.removeHeader('etag');
      reply.removeHeader('last-modified');
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
