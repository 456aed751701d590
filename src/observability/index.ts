// Observability: Prometheus metrics (one registry per hub), OpenTelemetry traces (off unless an OTLP
// endpoint is set), and the trace ids on log lines. Services report through `emit` (events.ts) and
// `inSpan` (tracing.ts) and know nothing else of it; the hub starts it with one call.
import type { Config } from '../config/index.js';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Database, Storage } from '../storage/index.js';
import { observeDatabase } from './database.js';
import { subscribe } from './events.js';
import { httpObservability, metricsRoutes } from './http.js';
import { createRegistry, type Metrics, type Scrape } from './metrics.js';
import { activeIds, startTracing } from './tracing.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export { emit, subscribe, type ObservabilityEvents } from './events.js';
export { statementName } from './database.js';
export { queryHooks } from './query.js';
export { bucketQuantile, keyFigures, type KeyFigures } from './figures.js';
export { createRegistry, DATABASE_WIDE, type Metrics } from './metrics.js';
export {
  contextFrom,
  currentTraceparent,
  inSpan,
  SpanKind,
  startTracing,
  tracingEnabled,
  type Span,
} from './tracing.js';

/** pino `mixin`: the trace and span id of the active span on every log line (when tracing is on). */
export function logMixin(): object {
  return activeIds() ?? {};
}

export type ObservabilitySettings = Pick<
  Config,
  | 'metricsToken'
  | 'metricsPublic'
  | 'slowRequestMs'
  | 'slowQueryMs'
  | 'otlpEndpoint'
  | 'otelServiceName'
  | 'retentionSeconds'
>;

/** What the scrape-time gauges read, once the hub has it. */
export interface ObservedParts {
  storage: Storage;
  broker: { checkReady(): void };
  /** The readiness checks (/ready): obshub_ready. */
  readiness: () => readonly { check(): Promise<void> | void }[];
}

export interface Observability {
  readonly metrics: Metrics;
  /** The Prometheus text of every metric. */
  text(): Promise<string>;
  /** For StorageOptions.observe. */
  observeDatabase: (db: Database) => Database;
  /** Fastify plugin (HTTP metrics, server spans); register it before the routes. */
  plugin(parts: ObservedParts): (app: FastifyInstance) => Promise<void>;
  /** `GET /metrics` and `GET /api/v1/system/metrics`; register them after the OpenAPI plugin. */
  routes(): (app: FastifyInstance) => Promise<void>;
  stop(): Promise<void>;
}

const GRANT_TYPES = new Set(['authorization_code', 'refresh_token', 'client_credentials']);

/** Scrape-time figures that cost a count are refreshed at most this often. */
const STORED_EVERY_MS = 60_000;
/** A scrape never waits longer than this for the database or the checks. */
const SCRAPE_DEADLINE_MS = 2000;

function withinDeadline<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SCRAPE_DEADLINE_MS);
  });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * Creates the hub's metrics, subscribes them to the services' events and, with an OTLP endpoint (or
 * a test's `exporter`), starts tracing.
 */
export function startObservability(
  settings: ObservabilitySettings,
  log: Logger,
  options: { version?: string; exporter?: SpanExporter } = {},
): Observability {
  let parts: ObservedParts | undefined;
  let stored:
    { atMs: number; value: Promise<{ partitions: number; observations: number } | undefined> } | undefined;
  let outbox:
    { atMs: number; value: Promise<{ depth: number; oldestAgeSeconds: number } | undefined> } | undefined;
  const scrape: Scrape = {
    // Two gauges read the outbox: one query pair per scrape.
    outbox() {
      if (!parts) return Promise.resolve(undefined);
      const now = Date.now();
      if (!outbox || now - outbox.atMs > 1000) {
        const storage = parts.storage;
        outbox = {
          atMs: now,
          value: withinDeadline(
            storage.outbox.stats().then((s) => ({
              depth: s.depth,
              oldestAgeSeconds: s.oldestMs === null ? 0 : Math.max(0, (Date.now() - s.oldestMs) / 1000),
            })),
          ),
        };
      }
      return outbox.value;
    },
    pool: () => parts?.storage.poolStats(),
    replicaLags: () => parts?.storage.replicas() ?? [],
    brokerConnected() {
      if (!parts) return undefined;
      try {
        parts.broker.checkReady();
        return true;
      } catch {
        return false;
      }
    },
    stored() {
      if (!parts) return Promise.resolve(undefined);
      const now = Date.now();
      if (!stored || now - stored.atMs > STORED_EVERY_MS) {
        const storage = parts.storage;
        stored = {
          atMs: now,
          value: withinDeadline(storage.retention.windowSize()),
        };
      }
      return stored.value;
    },
    async ready() {
      if (!parts) return undefined;
      const checks = parts.readiness();
      const results = await withinDeadline(Promise.all(checks.map(async (c) => c.check())));
      return results !== undefined;
    },
  };
  const { registry, metrics } = createRegistry(scrape);
  metrics.info.set({ version: options.version ?? 'unknown', database: 'unknown' }, 1);
  metrics.retentionWindow.set(settings.retentionSeconds ?? 0);
  const stopTracing =
    settings.otlpEndpoint || options.exporter
      ? startTracing({
          serviceName: settings.otelServiceName,
          version: options.version ?? 'unknown',
          endpoint: settings.otlpEndpoint,
          exporter: options.exporter,
        })
      : undefined;
  if (stopTracing) log.info({ component: 'observability', endpoint: settings.otlpEndpoint }, 'tracing on');
  const unsubscribe = subscribe({
    'ingest.accepted': (e) => {
      metrics.ingestAccepted.inc({ org: e.org }, e.observations);
      if (e.duplicates > 0) metrics.ingestDuplicates.inc({ org: e.org }, e.duplicates);
      metrics.ingestBatchSize.observe(e.observations);
      metrics.ingestWrite.observe(e.writeSeconds);
    },
    'ingest.rejected': (e) => {
      metrics.ingestRejectedBatches.inc({ org: e.org, reason: e.reason });
      metrics.ingestRejected.inc({ org: e.org, reason: e.reason }, e.messages);
    },
    'relay.claimed': (e) => {
      metrics.relayClaims.inc();
      metrics.relayClaimedRows.inc(e.rows);
    },
    'relay.published': (e) => metrics.published.inc({ channel: e.channel, outcome: e.outcome }, e.messages),
    'relay.delivered': (e) => {
      for (const d of e.delaysSeconds) metrics.announcementDelay.observe(d);
    },
    'relay.failed': (e) => metrics.relayFailures.inc({ reason: e.reason }),
    'relay.expired': (e) => metrics.relayExpired.inc(e.observations),
    'query.finished': (e) => {
      metrics.queryDuration.observe({ query_type: e.queryType, outcome: e.outcome }, e.seconds);
      if (e.bytes) metrics.queryBytes.inc({ query_type: e.queryType }, e.bytes);
    },
    'query.cache': (e) => metrics.queryCache.inc({ outcome: e.outcome }),
    'retention.run': (e) => {
      metrics.retentionRuns.inc({ outcome: e.outcome });
      if (e.outcome === 'ok') metrics.retentionLastSuccess.set(Date.now() / 1000);
    },
    'identity.sign_in': (e) => metrics.signIns.inc({ outcome: e.outcome }),
    'identity.token_issued': (e) =>
      metrics.tokensIssued.inc({ grant_type: GRANT_TYPES.has(e.grantType) ? e.grantType : 'other' }),
    'identity.api_key': (e) => metrics.apiKeyAuths.inc({ outcome: e.outcome }),
    'identity.lockout': (e) => metrics.lockouts.inc({ scope: e.scope }),
  });
  const wrap = observeDatabase({ metrics, log, slowQueryMs: settings.slowQueryMs });
  const httpOptions = () => ({
    registry,
    metrics,
    metricsToken: settings.metricsToken,
    metricsPublic: settings.metricsPublic,
    slowRequestMs: settings.slowRequestMs,
  });

  return {
    metrics,
    text: () => registry.metrics(),
    observeDatabase: (db) => {
      metrics.info.reset();
      metrics.info.set({ version: options.version ?? 'unknown', database: db.kind }, 1);
      return wrap(db);
    },
    plugin(observed) {
      parts = observed;
      return httpObservability(httpOptions());
    },
    routes() {
      if (!parts) throw new Error('register the observability plugin first');
      return metricsRoutes(httpOptions());
    },
    async stop() {
      unsubscribe();
      parts = undefined;
      await stopTracing?.();
    },
  };
}
