// The query service as one Fastify plugin: OGC API - EDR routes compatible with E-SOH's public API
// (landing page, conformance, collections, locations, position, area, items) and beyond it (radius,
// cube, GeoJSON and CSV output, streaming, paging, HTTP caching, compression, and /openapi.json (the
// hub's document, registered in ops/openapi.ts).
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import { rateLimitGroup } from '../gateway/index.js';
import type { Repositories } from '../storage/index.js';
import type { QueryBudget } from './budget.js';
import { AnswerCache, dataVersionSource, installCaching } from './caching.js';
import { collectionDocument } from './collection.js';
import { dataQueryRoute } from './dataQueryRoute.js';
import { getCollection } from './getCollection.js';
import { getCollections, type OtherCollections } from './getCollections.js';
import { getConformance } from './getConformance.js';
import { getItem } from './getItem.js';
import { getItems } from './getItems.js';
import { getLandingPage } from './getLandingPage.js';
import { getLatest } from './getLatest.js';
import { getLocations } from './getLocations.js';
import { getOpenApi } from './getOpenApi.js';
import { installHttpRules, methodNotAllowed } from './httpRules.js';
import { queryTypes } from './queryTypes.js';
import { EdrService, type EdrServiceOptions } from './service.js';
import { RedisAnswers } from './sharedAnswers.js';

export { EdrService } from './service.js';
export { encoders } from './encoders.js';
export { queryTypes } from './queryTypes.js';
export { conformanceClasses } from './conformance.js';

/** The OpenAPI tags of the query API (the document is registered at the hub's root: ops/openapi.ts). */
export const edrTags = [
  { name: 'Capabilities', description: 'Landing page, conformance and collections' },
  { name: 'Collection data queries', description: 'Observations as CoverageJSON, GeoJSON or CSV' },
  { name: 'Collection items', description: 'Time-series metadata' },
];

export interface EdrPluginOptions {
  /** The series and their data versions. */
  storage: Pick<Repositories, 'series'>;
  publicUrl: string;
  retentionSeconds: number | null;
  edrMaxValues: number;
  budget: QueryBudget;
  /** Aborts when the hub stops: running queries are cancelled. */
  shutdown: AbortSignal;
  hiddenFrom: EdrServiceOptions['hiddenFrom'];
  /** Collections of other services, listed in /collections after `observations`. */
  otherCollections: OtherCollections;
  /** Calls its listener when stored data changed (the bus's `data.version`); returns an unsubscribe. */
  dataChanges?: (listener: () => void) => () => void;
  /** EDR_CACHE_MB: memory for answers kept by ETag (0: none kept). */
  edrCacheBytes: number;
  /** How far behind the primary reads may be, at most (read replicas; 0: reads from the primary). */
  readStalenessMs: number;
  /** REDIS_URL: answers shared with the other query processes; unset: each keeps its own. */
  redisUrl?: string;
  redisKeyPrefix: string;
}

/**
 * Invalid query strings and paths are QUERY_INVALID, rendered by the hub's one error handler: E-SOH's
 * FastAPI-style issue list on its compatible routes, problem+json elsewhere.
 */
function queryValidationError(errors: FastifySchemaValidationError[], dataVar: string): ObshubError {
  const where = dataVar === 'params' ? 'path' : 'query';
  const missing = errors
    .map((v) => (v.params as { missingProperty?: string }).missingProperty)
    .filter((p): p is string => p !== undefined);
  const message = missing.length
    ? `missing query parameter: ${missing.join(', ')}`
    : errors.map((e) => `${dataVar}${e.instancePath || ''} ${e.message}`).join(', ');
  return new ObshubError('QUERY_INVALID', message, {
    data: missing.length
      ? missing.map((p) => ({ type: 'missing', loc: [where, p], msg: 'Field required', input: null }))
      : errors.map((v) => ({ type: 'invalid', loc: [where], msg: v.message ?? 'invalid', input: null })),
  });
}

export function edrPlugin(options: EdrPluginOptions) {
  return async function edr(app: FastifyInstance): Promise<void> {
    rateLimitGroup(app, 'query');
    const base = options.publicUrl;
    const service = new EdrService(options.storage.series, {
      retentionSeconds: options.retentionSeconds,
      maxValues: options.edrMaxValues,
      budget: options.budget,
      shutdown: options.shutdown,
      hiddenFrom: options.hiddenFrom,
    });

    app.setSchemaErrorFormatter(queryValidationError);

    installHttpRules(app);
    // Before compression: the answer cache keeps answers as the routes made them.
    const answers = new AnswerCache(options.edrCacheBytes);
    const shared =
      options.redisUrl && options.edrCacheBytes > 0
        ? new RedisAnswers(
            options.redisUrl,
            options.redisKeyPrefix,
            `${base}|${options.retentionSeconds}|${options.edrMaxValues}`,
            answers.maxEntryBytes,
          )
        : undefined;
    if (shared) app.addHook('onClose', () => shared.close());
    installCaching(
      app,
      dataVersionSource(options.storage, options.retentionSeconds, options.dataChanges),
      (request) => options.hiddenFrom(request.principal),
      answers,
      options.readStalenessMs,
      shared,
    );
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    });

    const metadata = async (isSelf: boolean, principal: Principal) => {
      const { sinceMs, hiddenAuthorities } = await service.baseFilter(principal);
      const [extent, parameters] = await Promise.all([
        options.storage.series.extent(sinceMs, hiddenAuthorities),
        options.storage.series.parameters(sinceMs, hiddenAuthorities),
      ]);
      return collectionDocument(base, extent, parameters, isSelf);
    };

    getLandingPage(app, base);
    getOpenApi(app);
    getConformance(app);
    getCollections(app, metadata, options.otherCollections, base);
    getCollection(app, metadata);
    getLocations(app, service, base);
    getLatest(app, service);
    for (const q of queryTypes) dataQueryRoute(app, service, q);
    getItems(app, service, base);
    getItem(app, service, base);
    methodNotAllowed(app, [
      '/',
      '/conformance',
      '/collections',
      '/collections/observations',
      '/collections/observations/locations',
      '/collections/observations/latest',
      ...queryTypes.map((q) => q.path),
      '/collections/observations/items',
      '/collections/observations/items/:item_id',
    ]);
  };
}
