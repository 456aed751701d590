// The single configuration schema: every setting, its default, what it accepts and what it does.
// The README's configuration table is generated from this list (npm run docs:config).
import { availableParallelism } from 'node:os';
import { parseDurationSeconds } from '../core/duration.js';
import { topicProblem } from '../core/mqttTopic.js';
import type { Rate } from '../core/limits.js';
import { parseServiceRoles, serviceRoles, type ServiceRole } from '../core/roles.js';
import { centreIdProblem, dataPolicies, isKnownSubTopic } from '../core/wis2/topics.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; allowed: string };

export interface Setting<T> {
  /** The default as a user would write it; undefined means unset. */
  default: string | undefined;
  description: string;
  parse(raw: string): Parsed<T>;
}

const fail = (allowed: string) => ({ ok: false as const, allowed });

const port: Setting<number>['parse'] = (raw) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n <= 65535
    ? { ok: true, value: n }
    : fail('a port number from 0 (any free port) to 65535');
};
const text: Setting<string>['parse'] = (raw) =>
  raw.trim() ? { ok: true, value: raw } : fail('a non-empty string');
const duration: Setting<number>['parse'] = (raw) => {
  const d = parseDurationSeconds(raw);
  return d.ok ? { ok: true, value: d.seconds } : fail('an ISO 8601 duration such as PT24H, PT10M or P7D');
};
const url =
  (...schemes: string[]): Setting<string>['parse'] =>
  (raw) => {
    try {
      const u = new URL(raw);
      if (schemes.includes(u.protocol.slice(0, -1))) return { ok: true, value: raw };
    } catch {
      /* reported below */
    }
    return fail(`a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`);
  };
const oneOf =
  <T extends string>(...values: T[]): Setting<T>['parse'] =>
  (raw) =>
    (values as string[]).includes(raw.toLowerCase())
      ? { ok: true, value: raw.toLowerCase() as T }
      : fail(`one of ${values.join(', ')}`);
const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
const bytes: Setting<number>['parse'] = (raw) => {
  const m = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(raw.trim());
  const factor = m ? UNITS[(m[2] ?? '').toUpperCase()] : undefined;
  return m && factor
    ? { ok: true, value: Number(m[1]) * factor }
    : fail('a size such as 50MB, 512KB or 1048576');
};

/** `on` or `off`, as a boolean. */
const onOff: Setting<boolean>['parse'] = (raw) => {
  const r = oneOf('on', 'off')(raw);
  return r.ok ? { ok: true, value: r.value === 'on' } : r;
};
/** The non-empty items of a comma-separated list, trimmed. */
const commaList = (raw: string): string[] =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const wholeNumber =
  (what: string, example: number, max = Number.MAX_SAFE_INTEGER, min = 1): Setting<number>['parse'] =>
  (raw) =>
    /^\d+$/.test(raw.trim()) && Number(raw) >= min && Number(raw) <= max
      ? { ok: true, value: Number(raw) }
      : fail(
          `a whole number of ${what} from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, e.g. ${example}`,
        );
const rate: Setting<Rate>['parse'] = (raw) => {
  const m = /^\s*(\d+)\s*\/\s*(\S+)\s*$/.exec(raw);
  const window = m ? parseDurationSeconds(m[2]!) : undefined;
  return m && Number(m[1]) > 0 && window?.ok && window.seconds > 0
    ? { ok: true, value: { max: Number(m[1]), windowMs: window.seconds * 1000 } }
    : fail('a number of requests per ISO 8601 duration, e.g. 600/PT1M');
};
const perCaller = (group: string) =>
  `Requests of the ${group} group each caller may make per window (\`<count>/<ISO 8601 duration>\`); a caller is an API key, a person, an OIDC client or, without credentials, an address. More are answered 429 (see Rate limits).`;
const perOrganisation = (group: string) =>
  `Requests of the ${group} group all callers of one organisation together may make per window of \`RATE_LIMIT_${group.toUpperCase()}\`. Platform admins can change both for one organisation.`;
const centreId: Setting<string>['parse'] = (raw) => {
  const problem = centreIdProblem(raw.trim());
  return problem ? fail(`a WIS2 centre-id (${problem})`) : { ok: true, value: raw.trim() };
};
const topicPrefix: Setting<string>['parse'] = (raw) => {
  const prefix = raw.trim().replace(/^\/+|\/+$/g, '');
  return prefix && topicProblem(prefix) === undefined
    ? { ok: true, value: prefix }
    : fail('MQTT topic levels without wildcards, e.g. esoh or dev/esoh');
};
const subTopic: Setting<string>['parse'] = (raw) =>
  isKnownSubTopic(raw.trim().replace(/^\/+|\/+$/g, ''))
    ? { ok: true, value: raw.trim().replace(/^\/+|\/+$/g, '') }
    : fail(
        'a topic of the WIS2 Topic Hierarchy below the data policy, e.g. weather/surface-based-observations/synop',
      );

/** An external OpenID Connect issuer whose access tokens the hub accepts, and how their claims map. */
export interface TrustedIssuer {
  /** The `iss` of its tokens; discovery is read from `{issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** The `aud` its tokens must carry for this hub. */
  audience: string;
  /** Every token of this issuer acts for this organisation… */
  org?: string;
  /** …or the organisation is read from this claim (a dotted path, e.g. `obshub.org`). */
  orgClaim?: string;
  /** Claim holding the caller's role names (a string or an array; dotted path, e.g. `realm_access.roles`). */
  roleClaim?: string;
  /** Issuer role name → obshub role; the most privileged match wins. */
  roleMap?: Record<string, string>;
  /** Role when no role claim matches; unset: such tokens are refused. */
  defaultRole?: string;
  /** The scopes these tokens may carry (further narrowed by their `scope`/`scp` claim); default `["read"]`. */
  scopes?: string[];
}

const ISSUER_ROLES = ['platform-admin', 'maintainer', 'org-admin', 'org-user', 'service'];
const ISSUER_SCOPES = ['ingest', 'read', 'admin'];

function trustedIssuerProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'each entry is an object';
  const e = entry as Record<string, unknown>;
  const isText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!isText(e.issuer) || !/^https?:\/\//.test(e.issuer as string)) return '"issuer" is an http(s) URL';
  if (!isText(e.audience)) return '"audience" is a string';
  for (const k of ['org', 'orgClaim', 'roleClaim', 'defaultRole'] as const) {
    if (e[k] !== undefined && !isText(e[k])) return `"${k}" is a string`;
  }
  if (e.defaultRole !== undefined && !ISSUER_ROLES.includes(e.defaultRole as string)) {
    return `"defaultRole" is one of ${ISSUER_ROLES.join(', ')}`;
  }
  if (e.roleMap !== undefined) {
    if (typeof e.roleMap !== 'object' || e.roleMap === null || Array.isArray(e.roleMap)) {
      return '"roleMap" maps names to roles';
    }
    if (Object.values(e.roleMap).some((r) => !ISSUER_ROLES.includes(r as string))) {
      return `"roleMap" values are ${ISSUER_ROLES.join(', ')}`;
    }
  }
  if (
    e.scopes !== undefined &&
    (!Array.isArray(e.scopes) || e.scopes.some((s) => !ISSUER_SCOPES.includes(s as string)))
  ) {
    return `"scopes" is a list of ${ISSUER_SCOPES.join(', ')}`;
  }
  return undefined;
}

const trustedIssuers: Setting<TrustedIssuer[]>['parse'] = (raw) => {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return fail('a JSON array of trusted issuers');
  }
  if (!Array.isArray(doc)) return fail('a JSON array of trusted issuers');
  for (const entry of doc) {
    const problem = trustedIssuerProblem(entry);
    if (problem) return fail(`a JSON array of trusted issuers (${problem})`);
  }
  return { ok: true, value: doc as TrustedIssuer[] };
};

export const settings = {
  PORT: {
    default: '8080',
    description: 'HTTP port of the API (EDR, ingest, health).',
    parse: port,
  },
  HOST: {
    default: '127.0.0.1',
    description:
      'Address the HTTP server and the embedded MQTT broker bind to; `0.0.0.0` for all interfaces.',
    parse: text,
  },
  DATA_DIR: {
    default: './data',
    description: 'Directory for the embedded database and generated files.',
    parse: text,
  },
  DATABASE_URL: {
    default: undefined,
    description:
      'PostgreSQL 15+ with PostGIS, e.g. `postgres://user:pass@host:5432/obshub`. Unset: embedded PGlite in `DATA_DIR/pg`.',
    parse: url('postgres', 'postgresql'),
  },
  DATABASE_READ_URL: {
    default: undefined,
    description:
      'Read replicas of `DATABASE_URL` (streaming replicas, comma-separated `postgres://` URLs) that the `query` role reads observations, series and extents from, each request on the next replica that lags at most `DATABASE_READ_MAX_LAG_S`; data versions (ETags) and everything else are read from `DATABASE_URL`. Unset: everything from `DATABASE_URL`.',
    parse: (raw: string): Parsed<string[]> => {
      const urls = commaList(raw);
      const ok = urls.length > 0 && urls.every((u) => url('postgres', 'postgresql')(u).ok);
      return ok ? { ok: true, value: urls } : fail('postgres:// URLs, comma-separated');
    },
  },
  DATABASE_READ_MAX_LAG_S: {
    default: '10',
    description:
      "Seconds a read replica (`DATABASE_READ_URL`) may lag the primary: each `query` process measures every replica's lag every second (a replica that has replayed all of the primary's WAL does not lag, however idle the primary) and reads from the primary while a replica lags more, or cannot be measured (see Service roles).",
    parse: wholeNumber('seconds', 10),
  },
  SERVICES: {
    default: 'all',
    description: `Service roles this process runs (as \`obshub serve --services\`): \`all\` or a comma-separated list of ${serviceRoles.map((r) => `\`${r}\``).join(', ')} (see Service roles). Health, readiness and the API documentation are served by every role.`,
    parse: (raw: string): Parsed<ServiceRole[]> => {
      const roles = parseServiceRoles(raw);
      return roles
        ? { ok: true, value: roles }
        : fail(`all, or a comma-separated list of ${serviceRoles.join(', ')}`);
    },
  },
  BUS_URL: {
    default: undefined,
    description:
      'Event bus between the processes of one deployment: `nats://host:4222[/name]` (NATS JetStream; `name` prefixes the stream and subjects, default `obshub`), `postgres://…` (LISTEN/NOTIFY on that server) or `memory://` (in-process, one process only). Unset: LISTEN/NOTIFY on `DATABASE_URL`, or in-process on the embedded database.',
    parse: url('nats', 'postgres', 'postgresql', 'memory'),
  },
  PUBLIC_URL: {
    default: undefined,
    description:
      'Base URL under which clients reach the hub (behind a proxy: its public address), used in links of notifications and metadata and as the OIDC issuer (`PUBLIC_URL/oidc`) and token audience. Unset: `http://HOST:PORT`.',
    parse: url('http', 'https'),
  },
  CORS_ORIGINS: {
    default: undefined,
    description:
      'Origins of browser apps allowed to call ingest and the admin API (`/ingest/`, `/json`, `/bufr`, `/api/`), comma-separated, e.g. `https://app.example.org`. The query API is open to every origin; the OIDC provider answers for its registered clients.',
    parse: (raw: string): Parsed<string[]> => {
      const origins = commaList(raw);
      const bad = origins.filter((o) => {
        try {
          const u = new URL(o);
          return !['http:', 'https:'].includes(u.protocol) || u.origin !== o;
        } catch {
          return true;
        }
      });
      return origins.length && !bad.length
        ? { ok: true, value: origins }
        : fail('origins such as https://app.example.org (scheme, host and port only), comma-separated');
    },
  },
  MQTT_URL: {
    default: undefined,
    description:
      'External MQTT broker, e.g. `mqtt://user:pass@host:1883` or `mqtts://…`. Unset: embedded broker on `MQTT_PORT`.',
    parse: url('mqtt', 'mqtts', 'ws', 'wss'),
  },
  MQTT_PORT: {
    default: '1883',
    description:
      'Port of the embedded MQTT broker. When left at the default and taken, the next free port is used and logged.',
    parse: port,
  },
  MQTT_TOPIC_PREFIX: {
    default: undefined,
    description:
      "Prefix of the E-SOH topics (E-SOH's `MQTT_TOPIC_PREPEND`): `{prefix}/{naming_authority}/{platform}/{standard_name}`. WIS2 topics never take it.",
    parse: topicPrefix,
  },
  ESOH_TOPICS_PUBLISH: {
    default: 'on',
    description:
      'Publish every observation as E-SOH does, on `[MQTT_TOPIC_PREFIX/]{naming_authority}/{platform}/{standard_name}`: `on` or `off`.',
    parse: onOff,
  },
  WIS2_PUBLISH: {
    default: 'on',
    description:
      'Publish a WIS2 Notification Message for every observation, and the metadata notifications of the WCMP2 record: `on` or `off`.',
    parse: onOff,
  },
  WIS2_CENTRE_ID: {
    default: 'obshub-test',
    description:
      'WIS2 centre-id of this node (WIS2 Topic Hierarchy list, or an id ending in `-test`); used in WIS2 topics and the WCMP2 record id.',
    parse: centreId,
  },
  WIS2_DATA_POLICY: {
    default: 'core',
    description: `WMO data policy of the observations: ${dataPolicies.join(' or ')} (\`recommended\` adds a licence link to the WCMP2 record).`,
    parse: oneOf(...(dataPolicies as [string, ...string[]])),
  },
  WIS2_TOPIC: {
    default: 'weather/surface-based-observations/synop',
    description:
      'WIS2 topic below the data policy: notifications go to `origin/a/wis2/{WIS2_CENTRE_ID}/data/{WIS2_DATA_POLICY}/{WIS2_TOPIC}`.',
    parse: subTopic,
  },
  METADATA_CONTACT_ORGANIZATION: {
    default: 'obshub operator',
    description: 'Organisation that hosts this hub, the host contact of the WCMP2 discovery metadata record.',
    parse: text,
  },
  METADATA_CONTACT_EMAIL: {
    default: undefined,
    description:
      'E-mail address of the host contact in the WCMP2 record (WIS2 quality indicators expect one).',
    parse: (raw: string): Parsed<string> =>
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim())
        ? { ok: true, value: raw.trim() }
        : fail('an e-mail address'),
  },
  LOG_LEVEL: {
    default: 'info',
    description:
      'Log level: fatal, error, warn, info, debug (adds one access line per request), trace or silent.',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  LOG_FORMAT: {
    default: 'auto',
    description:
      '`json` (one JSON object per line, for log collectors), `pretty` (coloured, for people) or `auto`: pretty when standard output is a terminal, JSON otherwise.',
    parse: oneOf('auto', 'json', 'pretty'),
  },
  SHUTDOWN_TIMEOUT: {
    default: 'PT10S',
    description:
      'How long a stop (SIGTERM, SIGINT) may take to drain requests and announcements; then the hub exits with code 1, naming what it abandoned.',
    parse: duration,
  },
  RETENTION: {
    default: 'PT24H',
    description:
      'Rolling window of kept observations (ISO 8601 duration); older ones are rejected on ingest, hidden on read and dropped by the retention job. `unlimited` keeps everything (archives, the E-SOH test day).',
    parse: (raw: string): Parsed<number | null> =>
      raw.toLowerCase() === 'unlimited' ? { ok: true, value: null } : duration(raw),
  },
  FUTURE_TOLERANCE: {
    default: 'PT10M',
    description:
      'How far into the future an observation time may lie (clock skew between providers and the hub); later ones are rejected.',
    parse: duration,
  },
  RETENTION_INTERVAL: {
    default: 'PT10M',
    description: 'How often the retention job drops expired partitions.',
    parse: duration,
  },
  INGEST_BODY_LIMIT: {
    default: '50MB',
    description: 'Largest ingest request body, after gzip decoding; larger ones get 413.',
    parse: bytes,
  },
  INGEST_WORKERS: {
    default: 'auto',
    description:
      'Worker threads that unpack, parse and validate JSON ingest bodies beside the event loop, which then only authorises, writes and answers (each costs up to about 90 MB): a whole number (`0`: on the event loop), or `auto`: one per core beyond two, at most 8. `auto` starts none on a 2-core machine, which keeps its memory lowest; there `1` halves the announcement delay at the same ingest rate (see Sizing).',
    parse: (raw) =>
      raw.trim().toLowerCase() === 'auto'
        ? { ok: true, value: Math.min(8, Math.max(0, availableParallelism() - 2)) }
        : wholeNumber('threads', 2, 64, 0)(raw),
  },
  INGEST_MAX_MESSAGES: {
    default: '10000',
    description:
      'Most E-SOH messages in one ingest request (a KNMI station-day is 4 320); larger batches get 413 before they are parsed.',
    parse: wholeNumber('messages', 10000),
  },
  INGEST_MAX_TEXT_LENGTH: {
    default: '1024',
    description:
      'Most characters of each descriptive text of an E-SOH message (title, summary, keywords, license, Conventions, creator_*, institution, project, source, platform_name, *_vocabulary, history, processing_level, link titles); they are repeated in every E-SOH message of the series. Longer ones get 422.',
    parse: wholeNumber('characters', 1024),
  },
  INGEST_MAX_LINKS: {
    default: '10',
    description: 'Most links of one E-SOH message; more get 422.',
    parse: wholeNumber('links', 10, 1000),
  },
  INGEST_BUFR_MAX_FILES: {
    default: '100',
    description:
      'Most BUFR files in one multipart upload to `POST /ingest/bufr` (field `files`); more get 413. All files together stay within `INGEST_BODY_LIMIT` and `INGEST_MAX_MESSAGES`.',
    parse: wholeNumber('files', 100, 10000),
  },
  INGEST_BUFR_MAX_MESSAGES: {
    default: '1000',
    description:
      'Most BUFR messages in one BUFR file (a GTS bulletin holds a few dozen); a file with more gets 413.',
    parse: wholeNumber('messages', 1000),
  },
  EDR_MAX_VALUES: {
    default: '5000000',
    description:
      'Largest number of observation values one EDR data query may return; larger requests get 413 with a hint to narrow them. Answers below it are streamed.',
    parse: wholeNumber('values', 5000000),
  },
  EDR_CACHE_MB: {
    default: '64',
    description:
      'Memory, in MB, for EDR answers kept by their ETag (data version, what the caller may see, URL): a repeated query is answered without the database until the data changes. 0 keeps none.',
    parse: wholeNumber('megabytes', 64, 65536, 0),
  },
  QUERY_TIMEOUT: {
    default: 'PT30S',
    description:
      'Longest time one database statement of a query may run for a caller with credentials; a query that runs longer is cancelled and answered 503 with a hint to narrow it.',
    parse: duration,
  },
  QUERY_TIMEOUT_ANONYMOUS: {
    default: 'PT5S',
    description: 'The same limit for callers without credentials.',
    parse: duration,
  },
  QUERY_CONCURRENCY: {
    default: '2',
    description:
      'Large queries (answers of more than a few hundred series, counted first) run at most this many at once, so that small ones are never starved; more waiting than four times this get 503 with `Retry-After`.',
    parse: wholeNumber('large queries', 2),
  },
  DATABASE_TIMEOUT: {
    default: 'PT60S',
    description:
      'PostgreSQL: longest time any statement may run (server-side `statement_timeout`) or wait for its answer, so that a stalled connection fails (answered 503) instead of hanging; queries have the tighter `QUERY_TIMEOUT`.',
    parse: duration,
  },
  DATABASE_POOL_SIZE: {
    default: '20',
    description: 'PostgreSQL: connections this process keeps to the server.',
    parse: wholeNumber('connections', 20),
  },
  DEMO: {
    default: undefined,
    description:
      'Built-in demo feed of synthetic European stations: `on` or `off`. Default: on with the embedded database, off when `DATABASE_URL` is set.',
    parse: onOff,
  },
  WEB_BASEMAP_TILES: {
    default: undefined,
    description:
      "A raster tile URL template (`{z}`, `{x}`, `{y}`; 256-pixel tiles) for a richer basemap of the web app, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (mind the tile server's usage policy). The app then asks that host for tiles (the Content-Security-Policy allows it). Unset: the offline Natural Earth basemap shipped with the app, no third party.",
    parse: (raw: string): Parsed<string> => {
      const ok = url('http', 'https')(raw);
      return ok.ok && ['{z}', '{x}', '{y}'].every((p) => raw.includes(p))
        ? ok
        : fail('an http(s) URL template with {z}, {x} and {y}');
    },
  },
  WEB_BASEMAP_ATTRIBUTION: {
    default: undefined,
    description:
      'The credit line the web app shows under the tiles of `WEB_BASEMAP_TILES`, e.g. `© OpenStreetMap contributors`.',
    parse: text,
  },
  OBSHUB_SECRET: {
    default: undefined,
    description:
      'Master secret (at least 32 characters) that encrypts OIDC signing keys, TOTP secrets and client secrets at rest (AES-256-GCM). Required with `DATABASE_URL`; on the embedded default one is generated into `DATA_DIR/obshub.secret` with a warning. Keep it stable: changing it makes the stored secrets unreadable.',
    parse: (raw: string): Parsed<string> =>
      raw.length >= 32 ? { ok: true, value: raw } : fail('a random string of at least 32 characters'),
  },
  OBSHUB_ADMIN_PASSWORD: {
    default: undefined,
    description:
      'Password of the platform admin `admin` created on first start (at least 12 characters). Unset: one is generated and printed once in the log.',
    parse: (raw: string): Parsed<string> =>
      raw.length >= 12 ? { ok: true, value: raw } : fail('a password of at least 12 characters'),
  },
  ANONYMOUS_READ: {
    default: 'on',
    description:
      '`on`: anyone may read `core` data without credentials (E-SOH behaviour). `off`: every data query needs an API key or token with the `read` scope. `recommended` series are never anonymous.',
    parse: onOff,
  },
  ANONYMOUS_INGEST: {
    default: 'off',
    description:
      '`on` lets anyone ingest without credentials, for closed networks only (a warning is logged at start). `off`: ingest needs an API key or token with the `ingest` scope of the organisation owning every naming authority in the batch.',
    parse: onOff,
  },
  OIDC_TRUSTED_ISSUERS: {
    default: undefined,
    description:
      'External OpenID Connect issuers (Keycloak, Entra ID, Google…) whose JWT access tokens are accepted after discovery and JWKS verification: a JSON array of `{"issuer", "audience", "org" or "orgClaim", "roleClaim", "roleMap", "defaultRole", "scopes"}` (see Sign-in and OIDC). Unset: only the built-in provider\'s tokens.',
    parse: trustedIssuers,
  },
  RATE_LIMITS: {
    default: 'on',
    description:
      '`on`: requests are limited per route group (the `RATE_LIMIT_*` settings). `off`: no request limits (benchmarks, closed networks); failed authentications and sign-in lockout are limited all the same.',
    parse: onOff,
  },
  RATE_LIMIT_INGEST: {
    default: '600/PT1M',
    description: perCaller('ingest'),
    parse: rate,
  },
  RATE_LIMIT_INGEST_ORG: {
    default: '3000',
    description: perOrganisation('ingest'),
    parse: wholeNumber('requests', 3000),
  },
  RATE_LIMIT_QUERY: {
    default: '1200/PT1M',
    description: perCaller('query'),
    parse: rate,
  },
  RATE_LIMIT_QUERY_ORG: {
    default: '6000',
    description: perOrganisation('query'),
    parse: wholeNumber('requests', 6000),
  },
  RATE_LIMIT_ADMIN: {
    default: '300/PT1M',
    description: perCaller('admin'),
    parse: rate,
  },
  RATE_LIMIT_ADMIN_ORG: {
    default: '1200',
    description: perOrganisation('admin'),
    parse: wholeNumber('requests', 1200),
  },
  RATE_LIMIT_SIGN_IN: {
    default: '60/PT5M',
    description: 'Requests to the sign-in pages (`/oidc/interaction/…`) one address may make per window.',
    parse: rate,
  },
  RATE_LIMIT_TOKEN: {
    default: '300/PT1M',
    description:
      "Requests to the OIDC provider's endpoints (`/oidc/…`: token, authorization, JWKS, discovery) one address may make per window.",
    parse: rate,
  },
  AUTH_FAILURE_LIMIT: {
    default: '20/PT15M',
    description:
      'Failed authentications (unknown, revoked or expired API keys, bad tokens, wrong passwords or codes) one address may have per window; beyond it the address gets 429 for any request with credentials and on the sign-in and OIDC endpoints, without a database query, until the window ends. Each window is one audit event with a count, not one per failure.',
    parse: rate,
  },
  SIGN_IN_LOCKOUT_FAILURES: {
    default: '5',
    description:
      'Failed sign-ins (password or code) from one address on one account, within an hour, after which that address is locked out of that account: 30 s, doubling with each further failure, up to an hour. Other addresses are not affected.',
    parse: wholeNumber('failures', 5),
  },
  SIGN_IN_LOCKOUT_ADDRESSES: {
    default: '10',
    description:
      "Different addresses failing to sign in to one account within an hour, after which the account is locked for everyone: 30 s, doubling with each further address, up to an hour (an admin's password reset lifts it).",
    parse: wholeNumber('addresses', 10),
  },
  REDIS_URL: {
    default: undefined,
    description:
      'Redis for the rate-limit, failed-authentication and lockout counters and the query answers, e.g. `redis://:pass@host:6379/0`, so that replicas share them (answers expire with their max-age; give Redis a `maxmemory` with an LRU policy). Unset: counted and kept in memory (one hub). While Redis is unreachable each replica counts in its own memory (logged) and computes its own answers.',
    parse: url('redis', 'rediss'),
  },
  REDIS_KEY_PREFIX: {
    default: 'obshub:',
    description: 'Prefix of every Redis key the hub writes, so several deployments can share one Redis.',
    parse: text,
  },
  METRICS_TOKEN: {
    default: undefined,
    description:
      'Bearer token a Prometheus server presents to read `GET /metrics` (`Authorization: Bearer <token>`), at least 16 characters. Maintainers and platform admins can always read it with their own credentials. See Monitoring.',
    parse: (raw: string): Parsed<string> =>
      raw.trim().length >= 16 ? { ok: true, value: raw.trim() } : fail('a token of at least 16 characters'),
  },
  METRICS_PUBLIC: {
    default: 'off',
    description:
      '`on`: anyone who reaches the hub may read `GET /metrics` (only for a hub behind a proxy that keeps `/metrics` off the internet). The metrics carry organisation ids but no secrets.',
    parse: onOff,
  },
  SLOW_REQUEST_MS: {
    default: '2000',
    description:
      'Requests that take longer (milliseconds) are logged at warn with their duration, route and request id.',
    parse: wholeNumber('milliseconds', 2000),
  },
  SLOW_QUERY_MS: {
    default: '500',
    description:
      'Database statements that take longer (milliseconds) are logged at warn with their duration and statement name (never their parameters).',
    parse: wholeNumber('milliseconds', 500),
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    default: undefined,
    description:
      'OpenTelemetry collector (OTLP over HTTP, e.g. `http://otel-collector:4318`): traces of requests, ingests, announcements and SQL are sent there. Unset: no tracing at all (no cost).',
    parse: url('http', 'https'),
  },
  OTEL_SERVICE_NAME: {
    default: 'obshub',
    description: 'The `service.name` of the traces.',
    parse: text,
  },
} satisfies Record<string, Setting<unknown>>;

export type SettingKey = keyof typeof settings;

/**
 * The value of each setting as its parser gives it; undefined for a setting without a default that is
 * not set.
 */
export type SettingValues = {
  readonly [K in SettingKey]:
    ParsedValue<(typeof settings)[K]> | ((typeof settings)[K]['default'] extends string ? never : undefined);
};
type ParsedValue<S> = S extends Setting<infer T> ? T : never;
