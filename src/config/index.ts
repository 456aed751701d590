// Configuration is read once, here, from the environment and an optional YAML file (same keys; the
// environment wins), validated as a whole, and passed down as a frozen object.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { GroupLimit, Rate, RateLimitGroup } from '../core/limits.js';
import { settings, type SettingKey, type SettingValues } from './schema.js';

export { settings } from './schema.js';
export type { TrustedIssuer } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function readFile(file: string, problems: string[]): Record<string, string> {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`CONFIG_FILE: cannot read ${file}: ${(err as Error).message}`);
    return {};
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    problems.push(`CONFIG_FILE: ${file} must be a YAML mapping of setting names to values`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!Object.hasOwn(settings, key)) {
      problems.push(`${key}: unknown setting in ${file}; allowed: ${Object.keys(settings).join(', ')}`);
    } else if (value !== null && typeof value === 'object') {
      problems.push(`${key}: must be a single value, not a list or mapping`);
    } else if (value !== null && value !== undefined) {
      out[key] = String(value as string | number | boolean);
    }
  }
  return out;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Loads and validates the configuration; throws ConfigError naming every bad key. `overrides` (command
 * line options such as --services) win over the environment and the file.
 */
export function loadConfig(
  environment: Env = process.env,
  configFile?: string,
  overrides: Env = {},
): Readonly<Config> {
  const env: Env = {
    ...environment,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  const problems: string[] = [];
  const file = configFile ?? env.CONFIG_FILE;
  const fromFile = file ? readFile(file, problems) : {};
  const raw = (key: SettingKey): string | undefined => {
    const fromEnv = env[key];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : (fromFile[key] ?? settings[key].default);
  };
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const key of Object.keys(settings) as SettingKey[]) {
    const input = raw(key);
    if (input === undefined) continue;
    const result = settings[key].parse(input);
    if (result.ok) values[key] = result.value;
    else problems.push(`${key}: "${input}" is not valid; expected ${result.allowed}`);
  }
  if (values.DATABASE_READ_URL !== undefined && values.DATABASE_URL === undefined) {
    problems.push('DATABASE_READ_URL: read replicas need DATABASE_URL (the primary) as well');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Every setting with a default has been parsed, and only those without one can be missing.
  const mqttPortExplicit = Boolean(env.MQTT_PORT) || fromFile.MQTT_PORT !== undefined;
  return configFrom(values as SettingValues, mqttPortExplicit);
}

/** The configuration the hub runs with, made from the parsed settings. */
export type Config = ReturnType<typeof configFrom>;

function configFrom(v: SettingValues, mqttPortExplicit: boolean) {
  return Object.freeze({
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(v.DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    /** Read replicas for the query role (empty: none). */
    databaseReadUrls: Object.freeze(v.DATABASE_READ_URL ?? []),
    /** Reads go to the primary while a replica lags more than this. */
    databaseReadMaxLagSeconds: v.DATABASE_READ_MAX_LAG_S,
    /** The roles this process runs. */
    services: Object.freeze(v.SERVICES),
    /** The event bus; undefined: chosen from DATABASE_URL. */
    busUrl: v.BUS_URL,
    /** Base URL clients use to reach the hub, without a trailing slash. */
    publicUrl: (v.PUBLIC_URL ?? `http://${hostForUrl(v.HOST)}:${String(v.PORT)}`).replace(/\/+$/, ''),
    mqttUrl: v.MQTT_URL,
    /** Origins allowed to call ingest and the admin API from browsers. */
    corsOrigins: Object.freeze(v.CORS_ORIGINS ?? []),
    mqttPort: v.MQTT_PORT,
    /** True when MQTT_PORT was given explicitly (a taken port is then an error, not a fallback). */
    mqttPortExplicit,
    /** Prefix of the E-SOH topics, without slashes at either end; '' when none. */
    mqttTopicPrefix: v.MQTT_TOPIC_PREFIX ?? '',
    esohTopicsPublish: v.ESOH_TOPICS_PUBLISH,
    wis2Publish: v.WIS2_PUBLISH,
    wis2CentreId: v.WIS2_CENTRE_ID,
    wis2DataPolicy: v.WIS2_DATA_POLICY,
    /** WIS2 topic levels below the data policy, e.g. weather/surface-based-observations/synop. */
    wis2Topic: v.WIS2_TOPIC,
    metadataContactOrganization: v.METADATA_CONTACT_ORGANIZATION,
    metadataContactEmail: v.METADATA_CONTACT_EMAIL,
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT,
    shutdownTimeoutSeconds: v.SHUTDOWN_TIMEOUT,
    /** Rolling window in seconds; null keeps everything. */
    retentionSeconds: v.RETENTION,
    futureToleranceSeconds: v.FUTURE_TOLERANCE,
    retentionIntervalSeconds: v.RETENTION_INTERVAL,
    ingestBodyLimitBytes: v.INGEST_BODY_LIMIT,
    /** Validation worker threads of the ingest role (0: validation on the event loop). */
    ingestWorkers: v.INGEST_WORKERS,
    ingestLimits: Object.freeze({
      maxMessages: v.INGEST_MAX_MESSAGES,
      maxTextLength: v.INGEST_MAX_TEXT_LENGTH,
      maxLinks: v.INGEST_MAX_LINKS,
    }),
    ingestBufrLimits: Object.freeze({
      maxFiles: v.INGEST_BUFR_MAX_FILES,
      maxMessagesPerFile: v.INGEST_BUFR_MAX_MESSAGES,
    }),
    /** Most observation values one EDR data query may return (else 413). */
    edrMaxValues: v.EDR_MAX_VALUES,
    /** EDR_CACHE_MB, in bytes. */
    edrCacheBytes: v.EDR_CACHE_MB * 1024 * 1024,
    /** Statement time limits of queries, with and without credentials. */
    queryTimeoutSeconds: v.QUERY_TIMEOUT,
    queryTimeoutAnonymousSeconds: v.QUERY_TIMEOUT_ANONYMOUS,
    /** Large queries at once. */
    queryConcurrency: v.QUERY_CONCURRENCY,
    databaseTimeoutSeconds: v.DATABASE_TIMEOUT,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    demo: v.DEMO ?? v.DATABASE_URL === undefined,
    /** A raster tile server for the web app's map. */
    webBasemap: v.WEB_BASEMAP_TILES
      ? { tiles: v.WEB_BASEMAP_TILES, attribution: v.WEB_BASEMAP_ATTRIBUTION }
      : undefined,
    /** Master secret for encryption at rest; undefined: generated into DATA_DIR (embedded only). */
    obshubSecret: v.OBSHUB_SECRET,
    /** Password of the first platform admin; undefined: generated and printed once. */
    adminPassword: v.OBSHUB_ADMIN_PASSWORD,
    anonymousRead: v.ANONYMOUS_READ,
    anonymousIngest: v.ANONYMOUS_INGEST,
    /** External OIDC issuers whose access tokens are accepted (empty: none). */
    oidcTrustedIssuers: v.OIDC_TRUSTED_ISSUERS ?? [],
    /** Request limits per route group apply. */
    rateLimits: v.RATE_LIMITS,
    /** The limits of each route group (organisations' overrides aside). */
    rateLimit: {
      ingest: groupLimit(v.RATE_LIMIT_INGEST, v.RATE_LIMIT_INGEST_ORG),
      query: groupLimit(v.RATE_LIMIT_QUERY, v.RATE_LIMIT_QUERY_ORG),
      admin: groupLimit(v.RATE_LIMIT_ADMIN, v.RATE_LIMIT_ADMIN_ORG),
      'sign-in': groupLimit(v.RATE_LIMIT_SIGN_IN),
      token: groupLimit(v.RATE_LIMIT_TOKEN),
    } satisfies Record<RateLimitGroup, GroupLimit>,
    /** Failed authentications one address may have per window. */
    authFailureLimit: v.AUTH_FAILURE_LIMIT,
    /** Failures from one address on one account, and failing addresses on one account, that lock. */
    signInLockout: { failures: v.SIGN_IN_LOCKOUT_FAILURES, addresses: v.SIGN_IN_LOCKOUT_ADDRESSES },
    /** Redis for the counters; undefined: in memory. */
    redisUrl: v.REDIS_URL,
    redisKeyPrefix: v.REDIS_KEY_PREFIX,
    /** Bearer token that may read /metrics; undefined: none. */
    metricsToken: v.METRICS_TOKEN,
    /** /metrics readable without credentials. */
    metricsPublic: v.METRICS_PUBLIC,
    /** Requests slower than this are logged at warn. */
    slowRequestMs: v.SLOW_REQUEST_MS,
    /** Statements slower than this are logged at warn. */
    slowQueryMs: v.SLOW_QUERY_MS,
    /** OTLP/HTTP endpoint of the traces; undefined: tracing off. */
    otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT,
    otelServiceName: v.OTEL_SERVICE_NAME,
  });
}

function groupLimit(rate: Rate, perOrganisation?: number): GroupLimit {
  return {
    windowMs: rate.windowMs,
    perCaller: rate.max,
    ...(perOrganisation === undefined ? {} : { perOrganisation }),
  };
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours) between two names. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Environment variables that look meant for obshub but are not settings: unknown `OBSHUB_` names and close
 * misspellings of a setting (`RETENTON`), each with the setting it probably means.
 */
export function environmentWarnings(env: Env = process.env): string[] {
  const keys = Object.keys(settings);
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (Object.hasOwn(settings, name)) continue;
    const upper = name.toUpperCase();
    const nearest = keys
      .map((key) => ({ key, d: upper === key ? 0 : distance(upper, key) }))
      .sort((x, y) => x.d - y.d)[0]!;
    const close = nearest.d <= (nearest.key.length >= 8 ? 2 : 1);
    if (close) warnings.push(`${name} is not an obshub setting; did you mean ${nearest.key}?`);
    else if (upper.startsWith('OBSHUB_'))
      warnings.push(`${name} is not an obshub setting (see README, Configuration)`);
  }
  return warnings;
}
