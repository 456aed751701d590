// Composes the services into one running hub. Like Grafana Loki's single binary, one process runs the
// service roles SERVICES (`--services`) names, `all` by default: the table `roles` below says what each
// role starts and which shared parts it needs; the parts (database, event bus, MQTT broker, identity,
// HTTP server) are built once, on first need, and stopped in `stopOrder`. Health, readiness and the API
// documentation are served by every role. `createHub` builds everything without binding the HTTP port,
// so tests can use `app.inject`; `listen` binds it.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { openBus, type EventBus } from './bus/index.js';
import type { Config } from './config/index.js';
import { anonymous, type Permission } from './core/access.js';
import { ObshubError } from './core/errors.js';
import type { ServiceRole } from './core/roles.js';
import { DEMO_NAMING_AUTHORITY, startDemoFeed, type DemoFeed } from './demo/index.js';
import { edrPlugin, edrTags } from './edr/index.js';
import {
  createGateway,
  httpHygiene,
  openCounters,
  requestIdOf,
  type Counters,
  type Gateway,
} from './gateway/index.js';
import {
  adminApiPlugin,
  adminApiTags,
  adminSocketPath,
  bootstrapIdentity,
  createIdentity,
  createOidc,
  oidcClientRoutes,
  resolveMasterSecret,
  serveAdminCommands,
  type AdminSocketServer,
  type Identity,
  type Oidc,
} from './identity/index.js';
import { IngestService, ingestPlugin, ValidationPool } from './ingest/index.js';
import {
  connectExternalBroker,
  PortInUseError,
  serveMqttOverWebSocket,
  startEmbeddedBroker,
  startRelay,
  type Broker,
  type OutboxRelay,
} from './notify/index.js';
import {
  AccessLog,
  createLogger,
  frameworkErrors,
  healthRoutes,
  installErrorHandler,
  openApi,
  runWhileLeader,
  startRetentionJob,
  SystemStatusService,
  type LeaderTask,
  type ReadinessCheck,
  type RetentionJob,
  obshubVersion,
} from './ops/index.js';
import { startObservability } from './observability/index.js';
import { recordsPlugin, startRecords, type RecordsService } from './records/index.js';
import { openStorage, type Storage } from './storage/index.js';
import { webAppPlugin } from './webapp/index.js';

export interface Hub {
  readonly config: Readonly<Config>;
  /** The service roles this process runs. */
  readonly roles: readonly ServiceRole[];
  readonly app: FastifyInstance;
  readonly storage: Storage;
  readonly bus: EventBus;
  readonly log: Logger;
  /** Where rate limits, failed authentications and lockouts are counted (memory or Redis). */
  readonly counters: Counters;
  readonly identity: Identity;
  readonly gateway: Gateway;
  /** Set on the first start when OBSHUB_ADMIN_PASSWORD was not given: print it once. */
  readonly generatedAdminPassword: string | undefined;
  /** True when browsers can subscribe over MQTT-over-WebSocket at /mqtt on the HTTP port. */
  readonly mqttOverWebSocket: boolean;
  /** The MQTT broker of this process (embedded, or MQTT_URL), if a role of it needs one. */
  readonly mqttBroker: Broker | undefined;
  /** The parts below exist when a role of this process needs them; reading another throws. */
  readonly broker: Broker;
  readonly ingest: IngestService;
  readonly retention: RetentionJob;
  readonly relay: OutboxRelay;
  readonly records: RecordsService;
  /** The built-in OpenID Connect provider under /oidc. */
  readonly oidc: Oidc;
  /** The demo feed while this process plays it (jobs role, DEMO=on, one process of a deployment). */
  readonly demo: DemoFeed | undefined;
  /** Binds the HTTP port and starts what runs once the hub answers (demo feed, admin socket); returns the base URL. */
  listen(): Promise<string>;
  /**
   * Stops in order: admin commands, background jobs, new requests (in-flight ones finish), the relay (its
   * claim finished or released), the bus, the broker, and the database last.
   */
  close(): Promise<void>;
  /** While closing: the step under way (what a stop that takes too long abandons). */
  readonly closing: string | undefined;
}

/** Order of the stop steps, whatever role registered them. */
const stopOrder = [
  'admin socket',
  'demo feed and jobs',
  'HTTP requests in flight',
  'validation workers',
  'failed-authentication summaries',
  'rate-limit counters',
  'announcement relay',
  'metadata records',
  'event bus',
  'MQTT broker',
  'database',
] as const;
type StopStep = (typeof stopOrder)[number];

/** What the roles of one process share, built on first need. */
interface Parts {
  config: Readonly<Config>;
  log: Logger;
  roles: ReadonlySet<ServiceRole>;
  storage: Storage;
  bus: EventBus;
  identity: Identity;
  counters: Counters;
  gateway: Gateway;
  app: FastifyInstance;
  /** Aborts when the hub stops: in-flight queries are cancelled, new requests refused. */
  stopping: AbortController;
  readiness: ReadinessCheck[];
  onStop(step: StopStep, fn: () => Promise<void> | void): void;
  /** Runs once the HTTP port is bound. */
  onListen(fn: () => Promise<void> | void): void;
  /** The broker of this process: embedded (broker role) or MQTT_URL; undefined when it has neither. */
  broker(): Promise<Broker | undefined>;
  oidc(): Promise<Oidc>;
  ingestService(): IngestService;
  started: Partial<Started>;
}

/** The parts, with what only the hub itself reads. */
type HubParts = Parts & { generatedAdminPassword?: string; listeners: (() => Promise<void> | void)[] };

interface Started {
  broker: Broker;
  ingest: IngestService;
  retention: RetentionJob;
  relay: OutboxRelay;
  records: RecordsService;
  oidc: Oidc;
  mqttOverWebSocket: boolean;
  demo: () => DemoFeed | undefined;
}

interface RoleDefinition {
  /** For --help and the README. */
  summary: string;
  start(parts: Parts): Promise<void>;
}

/** How often a jobs process that does not play the demo feed tries to take it over. */
const DEMO_LEADER_RETRY_MS = 5_000;

/** The roles: what each starts. The order is the start order (the broker before its clients). */
export const roles: Record<ServiceRole, RoleDefinition> = {
  broker: {
    summary: 'the embedded MQTT broker (aedes) on MQTT_PORT, and MQTT over WebSocket at /mqtt',
    async start(parts) {
      const broker = await parts.broker();
      if (broker) parts.started.mqttOverWebSocket = serveMqttOverWebSocket(parts.app, broker);
    },
  },
  ingest: {
    summary: 'POST /ingest/json and POST /json',
    async start(parts) {
      await parts.oidc();
      const { config, identity } = parts;
      await parts.app.register(
        ingestPlugin({
          service: parts.ingestService(),
          bodyLimitBytes: config.ingestBodyLimitBytes,
          bufrLimits: config.ingestBufrLimits,
          ownedAuthorities: (principal) => identity.authorities.ownedBy(principal.orgId),
        }),
      );
    },
  },
  query: {
    summary: 'OGC API - EDR, OGC API - Records and the web app (reads from DATABASE_READ_URL if set)',
    async start(parts) {
      const { config, log, storage, bus, identity, app, stopping } = parts;
      await parts.oidc();
      // The record names the broker subscribers use; a query process connects to none for that.
      const broker = config.mqttUrl ? undefined : await parts.broker();
      const records = await startRecords(config, {
        storage,
        brokerUrl: config.mqttUrl ? withoutCredentials(config.mqttUrl) : broker?.url,
        log,
        webSocket: parts.started.mqttOverWebSocket ?? false,
        bus,
      });
      parts.started.records = records;
      parts.onStop('metadata records', () => records.stop());
      await app.register(
        edrPlugin({
          ...config,
          storage,
          readStalenessMs: storage.readStalenessMs,
          shutdown: stopping.signal,
          budget: {
            timeoutSeconds: config.queryTimeoutSeconds,
            timeoutAnonymousSeconds: config.queryTimeoutAnonymousSeconds,
            concurrency: config.queryConcurrency,
          },
          hiddenFrom: (principal) => identity.authorities.hiddenFrom(principal),
          otherCollections: async () => [await records.collection()],
          dataChanges: (listener) => {
            const off = [
              bus.subscribe('observations.committed', listener),
              bus.subscribe('data.version', listener),
            ];
            return () => off.forEach((f) => f());
          },
        }),
      );
      await app.register(recordsPlugin({ service: records }));
      await app.register(webAppPlugin({ publicUrl: config.publicUrl, basemap: config.webBasemap }));
    },
  },
  admin: {
    summary: 'the admin API (/api/v1) and the OIDC provider (/oidc)',
    async start(parts) {
      const { app, identity, storage, config, log, readiness } = parts;
      const oidc = await parts.oidc();
      await app.register(oidc.plugin);
      await app.register(oidcClientRoutes(identity.oidcClients));
      const broker = await parts.broker();
      const systemStatus = new SystemStatusService({
        config,
        database: { kind: storage.kind, description: storage.description },
        broker: { description: broker?.description ?? config.mqttUrl ?? 'none in this process' },
        checks: readiness,
        outbox: () => storage.outbox.stats(),
        ingestActivity: (sinceMs, bucketSeconds) => storage.observations.activity(sinceMs, bucketSeconds),
        relay: () => parts.started.relay?.counts() ?? {},
      });
      await app.register(adminApiPlugin({ identity, system: systemStatus }));
      // On the embedded database, `obshub admin` runs its commands in this process (see adminSocket.ts).
      let adminSocket: AdminSocketServer | undefined;
      parts.onListen(async () => {
        const lock = storage.dataDirLock;
        if (!lock) return;
        const socketPath = adminSocketPath(config.dataDir);
        adminSocket = await serveAdminCommands(socketPath, { identity, storage }, log);
        lock.publishAdminSocket(socketPath);
      });
      parts.onStop('admin socket', () => adminSocket?.close());
    },
  },
  relay: {
    summary: 'the outbox relay: announces observations and metadata over MQTT (any number of relays)',
    async start(parts) {
      const { config, storage, log, bus, identity, readiness } = parts;
      const broker = await parts.broker();
      if (!broker) {
        throw new Error(
          'the relay role needs an MQTT broker: set MQTT_URL, or run the broker role in the same process',
        );
      }
      const relay = startRelay(config, {
        storage,
        broker,
        log,
        bus,
        // `recommended` data is announced without its values (anyone may subscribe to the broker).
        restrictedAuthorities: async () => new Set(await identity.authorities.hiddenFrom(anonymous)),
      });
      parts.started.relay = relay;
      readiness.push({ name: 'announcements', check: () => relay.checkProgress() });
      parts.onStop('announcement relay', () => relay.stop());
    },
  },
  jobs: {
    summary:
      'retention (lock-protected: any number of jobs processes) and the demo feed (DEMO=on: one jobs process of a deployment plays it, another takes over when it stops)',
    async start(parts) {
      const { config, storage, log, bus } = parts;
      const retention = startRetentionJob({
        storage,
        retentionSeconds: config.retentionSeconds,
        intervalSeconds: config.retentionIntervalSeconds,
        log,
        events: bus,
      });
      parts.started.retention = retention;
      let demo: LeaderTask<DemoFeed> | undefined;
      parts.started.demo = () => demo?.running;
      parts.onListen(() => {
        if (config.demo) {
          demo = runWhileLeader({
            lock: storage.leaderLock('demo feed'),
            name: 'demo feed',
            retryMs: DEMO_LEADER_RETRY_MS,
            log,
            start: () => startDemoFeed({ ingest: parts.ingestService(), log, publicUrl: config.publicUrl }),
          });
        }
        void retention.runOnce();
      });
      parts.onStop('demo feed and jobs', async () => {
        await Promise.all([demo?.stop(), retention.stop()]);
      });
    },
  },
};

function withoutCredentials(url: string): string {
  const safe = new URL(url);
  safe.username = '';
  safe.password = '';
  return safe.toString().replace(/\/$/, '');
}

const startOrder: readonly ServiceRole[] = ['broker', 'ingest', 'query', 'admin', 'relay', 'jobs'];

/** The hub of `config.services`: every part its roles need, built and started. */
export async function createHub(config: Readonly<Config>, options: { logger?: Logger } = {}): Promise<Hub> {
  const log = options.logger ?? createLogger(config);
  const running = new Set(config.services);
  const stops = new Map<StopStep, (() => Promise<void> | void)[]>();
  const onStop = (step: StopStep, fn: () => Promise<void> | void) =>
    stops.set(step, [...(stops.get(step) ?? []), fn]);
  let closing: string | undefined;
  const close = async () => {
    for (const step of stopOrder) {
      closing = step;
      for (const fn of stops.get(step) ?? []) await fn();
    }
    closing = undefined;
  };
  try {
    const parts = await buildParts(config, log, running, onStop);
    for (const role of startOrder) if (running.has(role)) await roles[role].start(parts);
    await parts.app.register(healthRoutes(parts.readiness, [...running], () => parts.storage.replicas()));
    return hubOf(parts, close, () => closing);
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** The parts every role shares: database, bus, identity, counters, gateway, the HTTP server. */
async function buildParts(
  config: Readonly<Config>,
  log: Logger,
  running: ReadonlySet<ServiceRole>,
  onStop: Parts['onStop'],
): Promise<HubParts> {
  const observability = startObservability(config, log, { version: obshubVersion() });
  const storage = await openStorage({
    ...config,
    outbox: config.wis2Publish || config.esohTopicsPublish,
    // Only the query role reads from replicas.
    readUrls: running.has('query') ? config.databaseReadUrls : [],
    observe: observability.observeDatabase,
  });
  onStop('database', () => storage.close());
  onStop('database', () => observability.stop());
  await storage.migrate();
  const bus = await openBus({
    busUrl: config.busUrl,
    databaseUrl: config.databaseUrl,
    onError: (err, event) => log.warn({ component: 'bus', err, event }, 'event bus: an event was lost'),
  });
  onStop('event bus', () => bus.close());
  const counters = await openCounters({ ...config, log });
  onStop('rate-limit counters', () => counters.close());
  const identity = createIdentity({
    storage,
    masterSecret: resolveMasterSecret(config, log),
    log,
    config,
    counters: counters.store,
  });
  onStop('failed-authentication summaries', () => identity.authFailures.close());
  const { generatedAdminPassword } = await bootstrapIdentity(identity, storage, {
    adminPassword: config.adminPassword,
    demoAuthority: config.demo ? DEMO_NAMING_AUTHORITY : undefined,
  });
  if (config.anonymousIngest && running.has('ingest')) {
    log.warn(
      { component: 'identity' },
      'ANONYMOUS_INGEST is on: anyone who can reach this hub can write observations; use it on closed networks only',
    );
  }
  const anonymousPermissions: Permission[] = [
    ...(config.anonymousRead ? (['observations:read'] as const) : []),
    ...(config.anonymousIngest ? (['observations:ingest'] as const) : []),
  ];
  const gateway = createGateway({
    apiKeys: identity.apiKeys,
    anonymousPermissions,
    failures: identity.authFailures,
    rateLimits: {
      enabled: config.rateLimits,
      counters: counters.store,
      limitFor: (orgId, group) => identity.rateLimits.limitFor(orgId, group),
    },
  });
  const stopping = new AbortController();
  onStop('admin socket', () => stopping.abort(new ObshubError('NOT_READY', 'the hub is stopping')));
  const app = await httpServer(config, log, gateway, stopping.signal);
  onStop('HTTP requests in flight', () => app.close());

  const readiness: ReadinessCheck[] = [{ name: 'database', check: () => storage.ping() }];
  if (bus.kind !== 'memory') readiness.push({ name: 'bus', check: () => bus.ready() });
  const listeners: (() => Promise<void> | void)[] = [];
  const started: Partial<Started> = {};
  // Every process has its own figures: /metrics in every role.
  await app.register(
    observability.plugin({
      storage,
      broker: {
        checkReady: () => {
          if (!started.broker) throw new ObshubError('NOT_READY', 'no MQTT broker in this process');
          started.broker.checkReady();
        },
      },
      readiness: () => readiness,
    }),
  );
  await app.register(observability.routes());
  let brokerPromise: Promise<Broker | undefined> | undefined;
  let oidcPromise: Promise<Oidc> | undefined;
  let ingestService: IngestService | undefined;
  const validationPool = () => {
    if (config.ingestWorkers === 0) return undefined;
    const pool = new ValidationPool(config.ingestWorkers);
    onStop('validation workers', () => pool.close());
    return pool;
  };

  const parts: HubParts = {
    config,
    log,
    roles: running,
    storage,
    bus,
    identity,
    counters,
    gateway,
    app,
    stopping,
    readiness,
    started,
    onStop,
    onListen: (fn) => listeners.push(fn),
    listeners,
    generatedAdminPassword,
    broker: () =>
      (brokerPromise ??= (async () => {
        const broker = config.mqttUrl
          ? connectExternalBroker(config.mqttUrl)
          : running.has('broker')
            ? await startEmbeddedBroker({
                host: config.host,
                port: config.mqttPort,
                portExplicit: config.mqttPortExplicit,
              })
            : undefined;
        if (!broker) return undefined;
        started.broker = broker;
        onStop('MQTT broker', () => broker.close());
        readiness.push({ name: 'broker', check: () => broker.checkReady() });
        return broker;
      })()),
    oidc: () =>
      (oidcPromise ??= (async () => {
        const oidc = await createOidc({ config, storage, identity, log });
        started.oidc = oidc;
        gateway.setTokenVerifier(oidc.verifyToken);
        onStop('demo feed and jobs', () => oidc.close());
        // The OIDC provider's routes authenticate their own callers (e.g. HTTP Basic at /oidc/token), so
        // the gateway leaves their credentials alone (in every role: tokens are verified everywhere).
        app.addHook('onRequest', oidc.handOff);
        return oidc;
      })()),
    ingestService: () =>
      (ingestService ??= new IngestService(
        storage.observations,
        config,
        (principal, names, source) => identity.authorities.permitIngest(principal, names, source),
        Date.now,
        bus,
        running.has('ingest') ? validationPool() : undefined,
      )),
  };
  return parts;
}

/** The HTTP server every role has: error handling, hygiene, the gateway and the OpenAPI document. */
async function httpServer(
  config: Readonly<Config>,
  log: Logger,
  gateway: Gateway,
  stopping: AbortSignal,
): Promise<FastifyInstance> {
  const fastifyLogger: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: fastifyLogger,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // While stopping, new requests get our problem+json 503 (below), not Fastify's own body.
    return503OnClosing: false,
    logController: new AccessLog(),
    // Broken URLs and over-long path parameters get problem+json like every other 4xx.
    frameworkErrors,
  });
  installErrorHandler(app);
  // Stopping: in-flight queries are cancelled (EDR statements watch this signal), new requests refused.
  app.addHook('onRequest', async (_request, reply) => {
    if (!stopping.aborted) return;
    void reply.header('connection', 'close');
    throw new ObshubError('NOT_READY', 'the hub is stopping; retry in a moment');
  });
  // First of all: security headers, CORS (preflights answered before any authentication), request ids.
  await app.register(httpHygiene, { publicUrl: config.publicUrl, corsOrigins: config.corsOrigins });
  await app.register(gateway.plugin);
  await app.register(openApi, {
    publicUrl: config.publicUrl,
    anonymousRead: config.anonymousRead,
    tags: [
      ...edrTags,
      { name: 'ingest', description: 'Observations from data providers (E-SOH messages, WMO BUFR)' },
      { name: 'records', description: 'Discovery metadata (WCMP2, OGC API - Records)' },
      { name: 'operations', description: 'Liveness and readiness' },
      ...adminApiTags,
    ],
  });
  return app;
}

function hubOf(parts: HubParts, close: () => Promise<void>, closing: () => string | undefined): Hub {
  const { config, app, started } = parts;
  const need = <K extends keyof Started>(key: K, role: ServiceRole): NonNullable<Started[K]> => {
    const value = started[key];
    if (value === undefined) throw new Error(`this process does not run the ${role} role (SERVICES)`);
    return value;
  };
  return {
    config,
    roles: [...parts.roles],
    app,
    storage: parts.storage,
    bus: parts.bus,
    log: parts.log,
    counters: parts.counters,
    identity: parts.identity,
    gateway: parts.gateway,
    generatedAdminPassword: parts.generatedAdminPassword,
    get mqttOverWebSocket() {
      return started.mqttOverWebSocket ?? false;
    },
    get mqttBroker() {
      return started.broker;
    },
    get broker() {
      return need('broker', 'broker');
    },
    get ingest() {
      return parts.ingestService();
    },
    get retention() {
      return need('retention', 'jobs');
    },
    get relay() {
      return need('relay', 'relay');
    },
    get records() {
      return need('records', 'query');
    },
    get oidc() {
      return need('oidc', 'admin');
    },
    get demo() {
      return started.demo?.();
    },
    get closing() {
      return closing();
    },
    async listen() {
      try {
        await app.listen({ port: config.port, host: config.host });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new PortInUseError(config.port, 'PORT');
        throw err;
      }
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      for (const fn of parts.listeners) await fn();
      return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    },
    close,
  };
}
