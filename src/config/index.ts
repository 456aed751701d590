// Configuration is read once, here, from the environment and an optional YAML file (same keys; the
// environment wins), validated as a whole, and passed down as a frozen object.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { IngestLimits } from '../ingest/index.js';
import type { GroupLimit, Rate, RateLimitGroup } from '../core/limits.js';
import type { ServiceRole } from '../core/roles.js';
import { settings, type SettingKey, type TrustedIssuer } from './schema.js';

export { settings } from './schema.js';
export type { TrustedIssuer } from './schema.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** DATABASE_READ_URL: read replicas for the query role (empty: none). */
  databaseReadUrls: readonly string[];
  /** SERVICES / --services: the roles this process runs. */
  services: readonly ServiceRole[];
  /** BUS_URL: the event bus; undefined: chosen from DATABASE_URL. */
  busUrl: string | undefined;
  /** Base URL clients use to reach the hub, without a trailing slash. */
  publicUrl: string;
  mqttUrl: string | undefined;
  /** Origins allowed to call ingest and the admin API from browsers. */
  corsOrigins: readonly string[];
  mqttPort: number;
  /** True when MQTT_PORT was given explicitly (a taken port is then an error, not a fallback). */
  mqttPortExplicit: boolean;
  /** Prefix of the E-SOH topics, without slashes at either end; '' when none. */
  mqttTopicPrefix: string;
  esohTopicsPublish: boolean;
  wis2Publish: boolean;
  wis2CentreId: string;
  wis2DataPolicy: string;
  /** WIS2 topic levels below the data policy, e.g. weather/surface-based-observations/synop. */
  wis2Topic: string;
  metadataContactOrganization: string;
  metadataContactEmail: string | undefined;
  logLevel: string;
  logFormat: 'auto' | 'json' | 'pretty';
  shutdownTimeoutSeconds: number;
  /** Rolling window in seconds; null keeps everything. */
  retentionSeconds: number | null;
  futureToleranceSeconds: number;
  retentionIntervalSeconds: number;
  ingestBodyLimitBytes: number;
  /** INGEST_MAX_MESSAGES, INGEST_MAX_TEXT_LENGTH, INGEST_MAX_LINKS. */
  ingestLimits: Readonly<IngestLimits>;
  /** INGEST_BUFR_MAX_FILES, INGEST_BUFR_MAX_MESSAGES. */
  ingestBufrLimits: Readonly<{ maxFiles: number; maxMessagesPerFile: number }>;
  /** Most observation values one EDR data query may return (else 413). */
  edrMaxValues: number;
  /** EDR_CACHE_MB, in bytes. */
  edrCacheBytes: number;
  /** Statement time limits of queries, with and without credentials. */
  queryTimeoutSeconds: number;
  queryTimeoutAnonymousSeconds: number;
  /** Large queries at once. */
  queryConcurrency: number;
  databaseTimeoutSeconds: number;
  databasePoolSize: number;
  demo: boolean;
  /** WEB_BASEMAP_TILES and WEB_BASEMAP_ATTRIBUTION: a raster tile server for the web app's map. */
  webBasemap: { tiles: string; attribution: string | undefined } | undefined;
  /** Master secret for encryption at rest; undefined: generated into DATA_DIR (embedded only). */
  obshubSecret: string | undefined;
  /** Password of the first platform admin; undefined: generated and printed once. */
  adminPassword: string | undefined;
  anonymousRead: boolean;
  anonymousIngest: boolean;
  /** External OIDC issuers whose access tokens are accepted (empty: none). */
  oidcTrustedIssuers: readonly TrustedIssuer[];
  /** Request limits per route group apply (RATE_LIMITS=on). */
  rateLimits: boolean;
  /** The limits of each route group (organisations' overrides aside). */
  rateLimit: Readonly<Record<RateLimitGroup, GroupLimit>>;
  /** Failed authentications one address may have per window. */
  authFailureLimit: Rate;
  /** Failures from one address on one account, and failing addresses on one account, that lock. */
  signInLockout: { failures: number; addresses: number };
  /** Redis for the counters; undefined: in memory. */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /** Bearer token that may read /metrics; undefined: none. */
  metricsToken: string | undefined;
  /** /metrics readable without credentials. */
  metricsPublic: boolean;
  /** Requests slower than this are logged at warn. */
  slowRequestMs: number;
  /** Statements slower than this are logged at warn. */
  slowQueryMs: number;
  /** OTLP/HTTP endpoint of the traces; undefined: tracing off. */
  otlpEndpoint: string | undefined;
  otelServiceName: string;
}

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

  const databaseUrl = values.DATABASE_URL as string | undefined;
  return Object.freeze({
    port: values.PORT as number,
    host: values.HOST as string,
    dataDir: path.resolve(values.DATA_DIR as string),
    databaseUrl,
    databaseReadUrls: Object.freeze((values.DATABASE_READ_URL as string[] | undefined) ?? []),
    services: Object.freeze(values.SERVICES as ServiceRole[]),
    busUrl: values.BUS_URL as string | undefined,
    publicUrl: (
      (values.PUBLIC_URL as string | undefined) ??
      `http://${hostForUrl(values.HOST as string)}:${String(values.PORT)}`
    ).replace(/\/+$/, ''),
    mqttUrl: values.MQTT_URL as string | undefined,
    corsOrigins: (values.CORS_ORIGINS as string[] | undefined) ?? [],
    mqttPort: values.MQTT_PORT as number,
    mqttPortExplicit: Boolean(env.MQTT_PORT) || fromFile.MQTT_PORT !== undefined,
    mqttTopicPrefix: (values.MQTT_TOPIC_PREFIX as string | undefined) ?? '',
    esohTopicsPublish: values.ESOH_TOPICS_PUBLISH === 'on',
    wis2Publish: values.WIS2_PUBLISH === 'on',
    wis2CentreId: values.WIS2_CENTRE_ID as string,
    wis2DataPolicy: values.WIS2_DATA_POLICY as string,
    wis2Topic: values.WIS2_TOPIC as string,
    metadataContactOrganization: values.METADATA_CONTACT_ORGANIZATION as string,
    metadataContactEmail: values.METADATA_CONTACT_EMAIL as string | undefined,
    logLevel: values.LOG_LEVEL as string,
    logFormat: values.LOG_FORMAT as Config['logFormat'],
    shutdownTimeoutSeconds: values.SHUTDOWN_TIMEOUT as number,
    retentionSeconds: values.RETENTION as number | null,
    futureToleranceSeconds: values.FUTURE_TOLERANCE as number,
    retentionIntervalSeconds: values.RETENTION_INTERVAL as number,
    ingestBodyLimitBytes: values.INGEST_BODY_LIMIT as number,
    ingestLimits: Object.freeze({
      maxMessages: values.INGEST_MAX_MESSAGES as number,
      maxTextLength: values.INGEST_MAX_TEXT_LENGTH as number,
      maxLinks: values.INGEST_MAX_LINKS as number,
    }),
    ingestBufrLimits: Object.freeze({
      maxFiles: values.INGEST_BUFR_MAX_FILES as number,
      maxMessagesPerFile: values.INGEST_BUFR_MAX_MESSAGES as number,
    }),
    edrMaxValues: values.EDR_MAX_VALUES as number,
    edrCacheBytes: values.EDR_CACHE_MB as number,
    queryTimeoutSeconds: values.QUERY_TIMEOUT as number,
    queryTimeoutAnonymousSeconds: values.QUERY_TIMEOUT_ANONYMOUS as number,
    queryConcurrency: values.QUERY_CONCURRENCY as number,
    databaseTimeoutSeconds: values.DATABASE_TIMEOUT as number,
    databasePoolSize: values.DATABASE_POOL_SIZE as number,
    demo: values.DEMO === undefined ? databaseUrl === undefined : values.DEMO === 'on',
    webBasemap: values.WEB_BASEMAP_TILES
      ? {
          tiles: values.WEB_BASEMAP_TILES as string,
          attribution: values.WEB_BASEMAP_ATTRIBUTION as string | undefined,
        }
      : undefined,
    obshubSecret: values.OBSHUB_SECRET as string | undefined,
    adminPassword: values.OBSHUB_ADMIN_PASSWORD as string | undefined,
    anonymousRead: values.ANONYMOUS_READ === 'on',
    anonymousIngest: values.ANONYMOUS_INGEST === 'on',
    oidcTrustedIssuers: (values.OIDC_TRUSTED_ISSUERS as TrustedIssuer[] | undefined) ?? [],
    rateLimits: values.RATE_LIMITS === 'on',
    rateLimit: {
      ingest: groupLimit(values.RATE_LIMIT_INGEST, values.RATE_LIMIT_INGEST_ORG),
      query: groupLimit(values.RATE_LIMIT_QUERY, values.RATE_LIMIT_QUERY_ORG),
      admin: groupLimit(values.RATE_LIMIT_ADMIN, values.RATE_LIMIT_ADMIN_ORG),
      'sign-in': groupLimit(values.RATE_LIMIT_SIGN_IN),
      token: groupLimit(values.RATE_LIMIT_TOKEN),
    },
    authFailureLimit: values.AUTH_FAILURE_LIMIT as Rate,
    signInLockout: {
      failures: values.SIGN_IN_LOCKOUT_FAILURES as number,
      addresses: values.SIGN_IN_LOCKOUT_ADDRESSES as number,
    },
    redisUrl: values.REDIS_URL as string | undefined,
    redisKeyPrefix: values.REDIS_KEY_PREFIX as string,
    metricsToken: values.METRICS_TOKEN as string | undefined,
    metricsPublic: values.METRICS_PUBLIC === 'on',
    slowRequestMs: values.SLOW_REQUEST_MS as number,
    slowQueryMs: values.SLOW_QUERY_MS as number,
    otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT as string | undefined,
    otelServiceName: values.OTEL_SERVICE_NAME as string,
  });
}

function groupLimit(perCaller: unknown, perOrganisation?: unknown): GroupLimit {
  const rate = perCaller as Rate;
  return {
    windowMs: rate.windowMs,
    perCaller: rate.max,
    ...(perOrganisation === undefined ? {} : { perOrganisation: perOrganisation as number }),
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
