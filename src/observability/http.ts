// The HTTP side of observability, one Fastify plugin: request metrics and the server span of every
// request (hooks), the organisation on request log lines, slow requests at warn, `GET /metrics` for
// Prometheus and `GET /api/v1/system/metrics` (key figures as JSON, for the web app's operations page).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import type { Principal } from '../core/access.js';
import { keyFigures, KeyFigures } from './figures.js';
import type { Metrics } from './metrics.js';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  startSpan,
  trace,
  tracingEnabled,
  type Span,
} from './tracing.js';

export interface HttpObservabilityOptions {
  registry: Registry;
  metrics: Metrics;
  /** METRICS_TOKEN: a bearer token that may read /metrics. */
  metricsToken: string | undefined;
  /** METRICS_PUBLIC: anyone may read /metrics. */
  metricsPublic: boolean;
  slowRequestMs: number;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const BEARER = /^Bearer\s+(\S+)\s*$/i;

interface RequestState {
  span: Span | undefined;
  done: boolean;
  startMs: number;
}

const state = new WeakMap<FastifyRequest, RequestState>();

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The route template of a request (never its raw URL), or `unmatched` for 404s. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

async function observability(app: FastifyInstance, options: HttpObservabilityOptions): Promise<void> {
  const { metrics } = options;

  /** Counts a finished request once; `statusCode` undefined: the client went away first. */
  const finish = (request: FastifyRequest, statusCode: number | undefined) => {
    const s = state.get(request);
    if (!s || s.done) return;
    s.done = true;
    metrics.httpInFlight.dec();
    const ms = performance.now() - s.startMs;
    const route = routeOf(request);
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    const status = statusCode === undefined ? 'aborted' : `${Math.floor(statusCode / 100)}xx`;
    metrics.httpDuration.observe({ route, method, status_class: status }, ms / 1000);
    if (statusCode === 429) {
      metrics.httpRateLimited.inc({ group: request.routeOptions.config?.rateLimitGroup ?? 'none' });
    }
    if (ms > options.slowRequestMs) {
      request.log.warn(
        { component: 'http', method, route, statusCode, durationMs: Math.round(ms) },
        `slow request: ${method} ${route} took ${Math.round(ms)} ms`,
      );
    }
    if (s.span) {
      if (statusCode !== undefined) s.span.setAttribute('http.response.status_code', statusCode);
      if (statusCode === undefined || statusCode >= 500) s.span.setStatus({ code: SpanStatusCode.ERROR });
      s.span.end();
    }
  };

  app.addHook('onRequest', (request, _reply, done) => {
    metrics.httpInFlight.inc();
    if (!tracingEnabled()) {
      state.set(request, { span: undefined, done: false, startMs: performance.now() });
      return done();
    }
    // Continues the caller's trace (W3C traceparent header) or starts one; the span is active for the
    // rest of the request, so ingest, query and database spans become its children.
    const parent = propagation.extract(context.active(), request.headers);
    const route = routeOf(request);
    const span = startSpan(
      `${request.method} ${route}`,
      { 'http.request.method': request.method, 'http.route': route, 'obshub.request_id': request.id },
      parent,
      SpanKind.SERVER,
    );
    state.set(request, { span, done: false, startMs: performance.now() });
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('preHandler', async (request) => {
    // After authentication: the caller's organisation on every further log line of this request.
    const org = (request.principal as Principal | null)?.orgId;
    if (org) request.log = request.log.child({ org });
  });
  app.addHook('onResponse', async (request, reply) => finish(request, reply.statusCode));
  app.addHook('onRequestAbort', async (request) => finish(request, undefined));
}

/** The hooks, with their options bound (named, and global: they see every route registered after them). */
export function httpObservability(options: HttpObservabilityOptions) {
  return fp(async (app: FastifyInstance) => observability(app, options), { name: 'obshub-observability' });
}

/**
 * `GET /metrics` and `GET /api/v1/system/metrics`: registered after the OpenAPI plugin, so that they are
 * documented (and typed for the web app).
 */
export function metricsRoutes(options: HttpObservabilityOptions) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const { registry } = options;
    const tokenDigest = options.metricsToken ? digest(options.metricsToken) : undefined;
    /** Besides maintainers and platform admins (system:read): METRICS_PUBLIC, or the METRICS_TOKEN. */
    const ownCredential = (request: FastifyRequest): boolean => {
      if (options.metricsPublic) return true;
      const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
      return Boolean(token && tokenDigest && timingSafeEqual(digest(token), tokenDigest));
    };

    app.get(
      '/metrics',
      {
        // The metrics token is not a credential the gateway knows: the route recognises it itself.
        config: { permission: 'system:read', rateLimitGroup: 'none', ownCredential },
        schema: {
          operationId: 'getMetrics',
          summary:
            'Prometheus metrics (text exposition format) for METRICS_TOKEN, maintainers and platform admins',
          tags: ['operations'],
          response: { 200: Type.String() },
        },
      },
      async (request, reply) => {
        const text = await registry.metrics();
        return reply.header('cache-control', 'no-store').type(registry.contentType).send(text);
      },
    );

    app.get(
      '/api/v1/system/metrics',
      {
        config: { permission: 'system:read', rateLimitGroup: 'admin' },
        schema: {
          operationId: 'getSystemMetrics',
          summary: 'Key figures of the metrics since the hub started (the operations page)',
          tags: ['system'],
          response: { 200: KeyFigures },
        },
      },
      async () => keyFigures(registry),
    );
  };
}
