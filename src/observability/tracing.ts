// Traces with OpenTelemetry. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test plugs in an
// exporter): then no provider is registered and `inSpan` only calls its function. The spans come from
// our own hooks, not from monkey-patching modules: the HTTP server span from a Fastify hook (so it
// exists under app.inject too), database spans around every statement of both drivers (the embedded
// database runs in a worker thread no pg instrumentation sees), and ingest, query and relay spans.
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;
let users = 0;

/** True while spans are recorded (an exporter is set up). */
export function tracingEnabled(): boolean {
  return provider !== undefined;
}

/**
 * Starts tracing for the process (OpenTelemetry is process-wide): to `endpoint` over OTLP/HTTP, or to
 * `exporter` (tests: an InMemorySpanExporter, exported at once). Returns the function that stops it.
 */
export function startTracing(options: {
  serviceName: string;
  version: string;
  endpoint?: string;
  exporter?: SpanExporter;
}): () => Promise<void> {
  if (!provider) {
    let processor: SpanProcessor;
    if (options.exporter) processor = new SimpleSpanProcessor(options.exporter);
    else {
      const base = (options.endpoint ?? '').replace(/\/+$/, '');
      processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }));
    }
    provider = new NodeTracerProvider({
      resource: resourceFromAttributes({
        'service.name': options.serviceName,
        'service.version': options.version,
      }),
      spanProcessors: [processor],
    });
    provider.register({ propagator: new W3CTraceContextPropagator() });
  }
  users++;
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    if (--users > 0 || !provider) return;
    const p = provider;
    provider = undefined;
    await p.shutdown().catch(() => undefined);
    trace.disable();
    context.disable();
    propagation.disable();
  };
}

const tracer = () => trace.getTracer('obshub');

/**
 * Runs `fn` in a child span of the active one (or of `parent`); the span ends when `fn` settles and
 * records a failure. Without tracing, or without a parent span when `requireParent`, it only calls `fn`.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span | undefined) => Promise<T>,
  options: { parent?: Context; requireParent?: boolean; kind?: SpanKind } = {},
): Promise<T> {
  if (!provider) return fn(undefined);
  const parent = options.parent ?? context.active();
  if (options.requireParent && !trace.getSpan(parent)) return fn(undefined);
  return tracer().startActiveSpan(name, { attributes, kind: options.kind }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : undefined });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Starts a span that the caller ends (the HTTP server span), with `parent` as its parent context. */
export function startSpan(name: string, attributes: Attributes, parent: Context, kind: SpanKind): Span {
  return tracer().startSpan(name, { attributes, kind }, parent);
}

/** The W3C traceparent of the active span (to store with outbox rows), or null without tracing. */
export function currentTraceparent(): string | null {
  if (!provider) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored or received traceparent describes (the root context when it is absent or bad). */
export function contextFrom(traceparent: string | null | undefined): Context {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), { traceparent });
}

/** The trace and span id of the active span, for log lines; undefined without tracing. */
export function activeIds(): { traceId: string; spanId: string } | undefined {
  if (!provider) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

export { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span };
