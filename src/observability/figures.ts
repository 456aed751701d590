// Key figures for people without Grafana (the web app's operations page): the same registry Prometheus
// scrapes, reduced to a few totals and quantiles since the hub started.
import type { MetricValueWithName, Registry } from 'prom-client';
import { Type, type Static } from 'typebox';

const Quantiles = Type.Object({
  count: Type.Integer(),
  p50Seconds: Type.Union([Type.Number(), Type.Null()]),
  p99Seconds: Type.Union([Type.Number(), Type.Null()]),
});

export const KeyFigures = Type.Object({
  ingest: Type.Object({
    observationsAccepted: Type.Number(),
    batchesRejected: Type.Number(),
    write: Quantiles,
  }),
  announcements: Type.Object({
    outboxRows: Type.Number(),
    oldestAgeSeconds: Type.Number(),
    published: Type.Number(),
    failed: Type.Number(),
    brokerConnected: Type.Boolean(),
    delay: Quantiles,
  }),
  queries: Type.Object({ duration: Quantiles, errors: Type.Number() }),
  http: Type.Object({
    requests: Type.Number(),
    serverErrors: Type.Number(),
    rateLimited: Type.Number(),
    inFlight: Type.Number(),
  }),
  database: Type.Object({
    connections: Type.Number(),
    idle: Type.Number(),
    waiting: Type.Number(),
    partitions: Type.Number(),
    observations: Type.Number(),
  }),
  process: Type.Object({
    residentMemoryBytes: Type.Number(),
    heapUsedBytes: Type.Number(),
    eventLoopLagP99Seconds: Type.Number(),
  }),
});
export type KeyFigures = Static<typeof KeyFigures>;

/** Samples of one family; histograms' carry the name of their series (`_bucket`, `_count`, `_sum`). */
type Values = MetricValueWithName<string>[];

function sum(
  values: Values | undefined,
  where: (labels: Partial<Record<string, string | number>>) => boolean = () => true,
) {
  return (values ?? []).filter((v) => where(v.labels)).reduce((n, v) => n + v.value, 0);
}

/** The q-quantile of a histogram's buckets (linear inside a bucket, as Prometheus' histogram_quantile). */
export function bucketQuantile(values: Values | undefined, name: string, q: number): number | null {
  const buckets = new Map<number, number>();
  for (const v of values ?? []) {
    if (v.metricName !== `${name}_bucket`) continue;
    const le = v.labels.le === '+Inf' ? Infinity : Number(v.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + v.value);
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, count] of sorted) {
    if (count >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(count - below, 1);
    }
    lower = le;
    below = count;
  }
  return lower;
}

function quantiles(values: Values | undefined, name: string) {
  const count = sum((values ?? []).filter((v) => v.metricName === `${name}_count`));
  return {
    count,
    p50Seconds: bucketQuantile(values, name, 0.5),
    p99Seconds: bucketQuantile(values, name, 0.99),
  };
}

export async function keyFigures(registry: Registry): Promise<KeyFigures> {
  const all = (await registry.getMetricsAsJSON()) as unknown as { name: string; values: Values }[];
  const m = new Map(all.map((metric) => [metric.name, metric.values]));
  const http = m.get('obshub_http_request_duration_seconds');
  const httpCounts = http?.filter((v) => v.metricName === 'obshub_http_request_duration_seconds_count');
  const pool = m.get('obshub_db_pool_connections');
  return {
    ingest: {
      observationsAccepted: sum(m.get('obshub_ingest_observations_accepted_total')),
      batchesRejected: sum(m.get('obshub_ingest_batches_rejected_total')),
      write: quantiles(m.get('obshub_ingest_write_duration_seconds'), 'obshub_ingest_write_duration_seconds'),
    },
    announcements: {
      outboxRows: sum(m.get('obshub_outbox_rows')),
      oldestAgeSeconds: sum(m.get('obshub_outbox_oldest_age_seconds')),
      published: sum(m.get('obshub_announcements_published_total'), (l) => l.outcome === 'ok'),
      failed: sum(m.get('obshub_announcements_published_total'), (l) => l.outcome !== 'ok'),
      brokerConnected: sum(m.get('obshub_broker_connected')) === 1,
      delay: quantiles(m.get('obshub_announcement_delay_seconds'), 'obshub_announcement_delay_seconds'),
    },
    queries: {
      duration: quantiles(m.get('obshub_query_duration_seconds'), 'obshub_query_duration_seconds'),
      errors: sum(
        m
          .get('obshub_query_duration_seconds')
          ?.filter((v) => v.metricName === 'obshub_query_duration_seconds_count'),
        (l) => l.outcome !== 'ok',
      ),
    },
    http: {
      requests: sum(httpCounts),
      serverErrors: sum(httpCounts, (l) => l.status_class === '5xx'),
      rateLimited: sum(m.get('obshub_http_rate_limited_total')),
      inFlight: sum(m.get('obshub_http_requests_in_flight')),
    },
    database: {
      connections: sum(pool, (l) => l.state === 'total'),
      idle: sum(pool, (l) => l.state === 'idle'),
      waiting: sum(m.get('obshub_db_pool_waiting')),
      partitions: sum(m.get('obshub_db_partitions')),
      observations: sum(m.get('obshub_db_observations')),
    },
    process: {
      residentMemoryBytes: sum(m.get('process_resident_memory_bytes')),
      heapUsedBytes: sum(m.get('nodejs_heap_size_used_bytes')),
      eventLoopLagP99Seconds: sum(m.get('nodejs_eventloop_lag_p99_seconds')),
    },
  };
}
