// The metric definitions: one Prometheus registry per hub, every family declared here with its help
// text and its (bounded) labels. Names follow Prometheus conventions: `obshub_` prefix, base units
// (`_seconds`, `_bytes`), `_total` for counters. Labels never carry raw URLs, ids of observations or
// free text: routes are templates, reasons are error codes, organisations are the operator's own list.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) of requests, queries and statements: 1 ms to 30 s. */
const LATENCY = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Announcement delay buckets (seconds): 10 ms to 10 min. */
const DELAY = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const BATCH = [1, 10, 50, 100, 500, 1000, 5000, 10000, 50000];
/** Ends the help of a gauge every process reads from the database: summing processes would multiply it. */
export const DATABASE_WIDE =
  'Read from the database: the same figure from every process (aggregate processes with max, not sum).';

/** What the gauges computed at scrape time read (undefined: unknown, the gauge keeps its value). */
export interface Scrape {
  outbox(): Promise<{ depth: number; oldestAgeSeconds: number } | undefined>;
  pool(): { total: number; idle: number; waiting: number } | undefined;
  /** Each read replica's lag in seconds (null: unknown). */
  replicaLags(): { replica: string; lagSeconds: number | null }[];
  brokerConnected(): boolean | undefined;
  stored(): Promise<{ partitions: number; observations: number } | undefined>;
  ready(): Promise<boolean | undefined>;
}

export function createMetrics(registry: Registry, scrape: Scrape) {
  const registers = [registry];
  return {
    // HTTP
    httpDuration: new Histogram({
      name: 'obshub_http_request_duration_seconds',
      help: 'HTTP requests by route template, method and status class, and how long they took.',
      labelNames: ['route', 'method', 'status_class'] as const,
      buckets: LATENCY,
      registers,
    }),
    httpInFlight: new Gauge({
      name: 'obshub_http_requests_in_flight',
      help: 'HTTP requests being served now.',
      registers,
    }),
    httpRateLimited: new Counter({
      name: 'obshub_http_rate_limited_total',
      help: 'Requests refused with 429 by the rate limits, by route group.',
      labelNames: ['group'] as const,
      registers,
    }),
    // Ingest
    ingestAccepted: new Counter({
      name: 'obshub_ingest_observations_accepted_total',
      help: 'Observations stored, by organisation of the caller.',
      labelNames: ['org'] as const,
      registers,
    }),
    ingestDuplicates: new Counter({
      name: 'obshub_ingest_duplicates_total',
      help: 'Duplicate observations removed from accepted batches, by organisation.',
      labelNames: ['org'] as const,
      registers,
    }),
    ingestRejectedBatches: new Counter({
      name: 'obshub_ingest_batches_rejected_total',
      help: 'Ingest requests refused (nothing stored), by organisation and reason (error code).',
      labelNames: ['org', 'reason'] as const,
      registers,
    }),
    ingestRejected: new Counter({
      name: 'obshub_ingest_observations_rejected_total',
      help: 'Messages in refused ingest requests, by organisation and reason (error code).',
      labelNames: ['org', 'reason'] as const,
      registers,
    }),
    ingestBatchSize: new Histogram({
      name: 'obshub_ingest_batch_observations',
      help: 'Observations per accepted ingest request.',
      buckets: BATCH,
      registers,
    }),
    ingestWrite: new Histogram({
      name: 'obshub_ingest_write_duration_seconds',
      help: 'Time to store one accepted batch (the database transaction, commit included).',
      buckets: LATENCY,
      registers,
    }),
    // Announcements
    outboxRows: new Gauge({
      name: 'obshub_outbox_rows',
      help: `Observations committed but not yet announced (in the outbox). ${DATABASE_WIDE}`,
      registers,
      async collect() {
        const o = await scrape.outbox();
        if (o) this.set(o.depth);
      },
    }),
    outboxOldestAge: new Gauge({
      name: 'obshub_outbox_oldest_age_seconds',
      help: `Age of the oldest row in the outbox (0 when empty). ${DATABASE_WIDE}`,
      registers,
      async collect() {
        const o = await scrape.outbox();
        if (o) this.set(o.oldestAgeSeconds);
      },
    }),
    published: new Counter({
      name: 'obshub_announcements_published_total',
      help: 'Announcement messages by channel (wis2, esoh, metadata) and outcome (ok, failed, invalid).',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    announcementDelay: new Histogram({
      name: 'obshub_announcement_delay_seconds',
      help: 'Delay from the ingest commit to the broker acknowledging all messages of an observation.',
      buckets: DELAY,
      registers,
    }),
    relayClaims: new Counter({
      name: 'obshub_relay_claims_total',
      help: 'Outbox claims that took rows.',
      registers,
    }),
    relayClaimedRows: new Counter({
      name: 'obshub_relay_claimed_rows_total',
      help: 'Outbox rows claimed by the relay.',
      registers,
    }),
    relayFailures: new Counter({
      name: 'obshub_relay_failures_total',
      help: 'Relay turns that failed and are retried, by reason (publish, claim).',
      labelNames: ['reason'] as const,
      registers,
    }),
    relayExpired: new Counter({
      name: 'obshub_relay_expired_total',
      help: 'Observations that left the retention window before they were announced.',
      registers,
    }),
    brokerConnected: new Gauge({
      name: 'obshub_broker_connected',
      help: '1 when the MQTT broker (embedded or external) accepts publications, else 0.',
      registers,
      collect() {
        const connected = scrape.brokerConnected();
        if (connected !== undefined) this.set(connected ? 1 : 0);
      },
    }),
    // Queries
    queryDuration: new Histogram({
      name: 'obshub_query_duration_seconds',
      help: 'EDR data queries by query type and outcome, and how long they took.',
      labelNames: ['query_type', 'outcome'] as const,
      buckets: LATENCY,
      registers,
    }),
    queryRows: new Counter({
      name: 'obshub_query_rows_total',
      help: 'Rows the database returned to EDR queries (statements under a query budget).',
      registers,
    }),
    queryBytes: new Counter({
      name: 'obshub_query_response_bytes_total',
      help: 'Bytes of EDR data query responses sent whole (before compression), by query type.',
      labelNames: ['query_type'] as const,
      registers,
    }),
    queryCache: new Counter({
      name: 'obshub_query_cache_requests_total',
      help: 'Cacheable query requests answered from the answer cache (hit), from another query process (shared, through Redis) or by a query (miss).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    // Database
    dbPool: new Gauge({
      name: 'obshub_db_pool_connections',
      help: 'Database connections by state (total, idle); the embedded database has one.',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const p = scrape.pool();
        if (p) {
          this.set({ state: 'total' }, p.total);
          this.set({ state: 'idle' }, p.idle);
        }
      },
    }),
    dbPoolWaiting: new Gauge({
      name: 'obshub_db_pool_waiting',
      help: 'Statements waiting for a database connection.',
      registers,
      collect() {
        const p = scrape.pool();
        if (p) this.set(p.waiting);
      },
    }),
    dbReplicaLag: new Gauge({
      name: 'obshub_db_replica_lag_seconds',
      help: 'How far each read replica (DATABASE_READ_URL) lags the primary, as this process last measured it (+Inf: unknown, e.g. unreachable); reads go to the primary while it exceeds DATABASE_READ_MAX_LAG_S.',
      labelNames: ['replica'] as const,
      registers,
      collect() {
        for (const r of scrape.replicaLags()) this.set({ replica: r.replica }, r.lagSeconds ?? Infinity);
      },
    }),
    dbQuery: new Histogram({
      name: 'obshub_db_query_duration_seconds',
      help: 'Database statements by statement name (verb and table), and how long they took.',
      labelNames: ['statement'] as const,
      buckets: LATENCY,
      registers,
    }),
    dbPartitions: new Gauge({
      name: 'obshub_db_partitions',
      help: `Partitions of the observation table. ${DATABASE_WIDE}`,
      registers,
      async collect() {
        const s = await scrape.stored();
        if (s) this.set(s.partitions);
      },
    }),
    dbRows: new Gauge({
      name: 'obshub_db_observations',
      help: `Observations stored in the retention window (counted at most once a minute). ${DATABASE_WIDE}`,
      registers,
      async collect() {
        const s = await scrape.stored();
        if (s) this.set(s.observations);
      },
    }),
    retentionRuns: new Counter({
      name: 'obshub_retention_runs_total',
      help: 'Retention runs by outcome (ok, failed).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    retentionWindow: new Gauge({
      name: 'obshub_retention_window_seconds',
      help: 'The RETENTION window (0: unlimited, the retention job does not run).',
      registers,
    }),
    retentionLastSuccess: new Gauge({
      name: 'obshub_retention_last_success_timestamp_seconds',
      help: 'When the retention job last succeeded (Unix time; 0: not yet).',
      registers,
    }),
    // Identity
    signIns: new Counter({
      name: 'obshub_sign_ins_total',
      help: 'Sign-in attempts of people by outcome.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    tokensIssued: new Counter({
      name: 'obshub_tokens_issued_total',
      help: 'Token grants of the built-in OIDC provider, by grant type.',
      labelNames: ['grant_type'] as const,
      registers,
    }),
    apiKeyAuths: new Counter({
      name: 'obshub_api_key_authentications_total',
      help: 'API-key authentications by outcome.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    lockouts: new Counter({
      name: 'obshub_lockouts_total',
      help: 'Accounts or addresses locked after failed sign-ins, by scope.',
      labelNames: ['scope'] as const,
      registers,
    }),
    // The hub
    info: new Gauge({
      name: 'obshub_build_info',
      help: 'Always 1; the labels tell the version and the database kind.',
      labelNames: ['version', 'database'] as const,
      registers,
    }),
    up: new Gauge({
      name: 'obshub_ready',
      help: '1 when every readiness check passes (what /ready answers 200 for), else 0.',
      registers,
      async collect() {
        const ready = await scrape.ready();
        if (ready !== undefined) this.set(ready ? 1 : 0);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** A registry with every obshub family and Node's default process metrics. */
export function createRegistry(scrape: Scrape): { registry: Registry; metrics: Metrics } {
  const registry = new Registry();
  const metrics = createMetrics(registry, scrape);
  collectDefaultMetrics({ register: registry });
  // prom-client names three gauges `_total`, which Prometheus reserves for counters (promtool refuses
  // them); their labelled twins (nodejs_active_handles, …) stay.
  for (const name of [
    'nodejs_active_handles_total',
    'nodejs_active_requests_total',
    'nodejs_active_resources_total',
  ])
    registry.removeSingleMetric(name);
  return { registry, metrics };
}
