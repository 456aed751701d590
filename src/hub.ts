// Composes the services into one running hub: storage, broker, HTTP API (health, ingest), background
// jobs (retention, demo feed). `createHub` builds everything without binding the HTTP port, so tests can
// use `app.inject`; `listen` binds it.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { anonymous, type Permission } from './core/access.js';
import { ObshubError } from './core/errors.js';
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
  bootstrapIdentity,
  createIdentity,
  adminSocketPath,
  createOidc,
  oidcClientRoutes,
  resolveMasterSecret,
  serveAdminCommands,
  type AdminSocketServer,
  type Identity,
  type Oidc,
} from './identity/index.js';
import { IngestService, ingestPlugin, type IngestAuthoriser } from './ingest/index.js';
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
  healthRoutes,
  installErrorHandler,
  openApi,
  startRetentionJob,
  SystemStatusService,
  type ReadinessCheck,
  type RetentionJob,
} from './ops/index.js';
import { recordsPlugin, startRecords, type RecordsService } from './records/index.js';
import { Storage } from './storage/index.js';
import { webAppPlugin } from './webapp/index.js';

export interface Hub {
  readonly config: Readonly<Config>;
  readonly app: FastifyInstance;
  readonly storage: Storage;
  readonly broker: Broker;
  readonly ingest: IngestService;
  readonly log: Logger;
  readonly retention: RetentionJob;
  readonly relay: OutboxRelay;
  readonly records: RecordsService;
  readonly identity: Identity;
  readonly gateway: Gateway;
  /** The built-in OpenID Connect provider under /oidc. */
  readonly oidc: Oidc;
  /** Where rate limits, failed authentications and lockouts are counted (memory or Redis). */
  readonly counters: Counters;
  /** True when browsers can subscribe over MQTT-over-WebSocket at /mqtt on the HTTP port. */
  readonly mqttOverWebSocket: boolean;
  /** Set on the first start when OBSHUB_ADMIN_PASSWORD was not given: print it once. */
  readonly generatedAdminPassword: string | undefined;
  demo: DemoFeed | undefined;
  /** Binds the HTTP port and starts the demo feed; returns the base URL. */
  listen(): Promise<string>;
  /**
   * Stops in order: admin commands, new requests (in-flight ones finish), background jobs, the relay
   * (its claim finished or released), the broker, and the database last.
   */
  close(): Promise<void>;
  /** While closing: the step under way (what a stop that takes too long abandons). */
  readonly closing: string | undefined;
}

export async function createHub(config: Readonly<Config>, options: { logger?: Logger } = {}): Promise<Hub> {
  const log = options.logger ?? createLogger(config);
  const storage = await Storage.open({ ...config, outbox: config.wis2Publish || config.esohTopicsPublish });
  let broker: Broker | undefined;
  try {
    await storage.migrate();
    broker = config.mqttUrl
      ? connectExternalBroker(config.mqttUrl)
      : await startEmbeddedBroker({
          host: config.host,
          port: config.mqttPort,
          portExplicit: config.mqttPortExplicit,
        });
  } catch (err) {
    await storage.close();
    throw err;
  }
  const connectedBroker = broker;
  const counters = await openCounters({ ...config, log });
  let identity: Identity;
  let generatedAdminPassword: string | undefined;
  let oidc: Oidc;
  try {
    identity = createIdentity({
      storage,
      masterSecret: resolveMasterSecret(config, log),
      log,
      config,
      counters: counters.store,
    });
    ({ generatedAdminPassword } = await bootstrapIdentity(identity, storage, {
      adminPassword: config.adminPassword,
      demoAuthority: config.demo ? DEMO_NAMING_AUTHORITY : undefined,
    }));
    oidc = await createOidc({ config, storage, identity, log });
  } catch (err) {
    await counters.close();
    await connectedBroker.close();
    await storage.close();
    throw err;
  }
  if (config.anonymousIngest) {
    log.warn(
      { component: 'identity' },
      'ANONYMOUS_INGEST is on: anyone who can reach this hub can write observations; use it on closed networks only',
    );
  }
  // Anonymous callers (no credentials) may ingest only when the operator allowed it; callers with
  // credentials are always held to their organisation's naming authorities.
  const authorise: IngestAuthoriser = (principal, names, source) =>
    principal.role === null && config.anonymousIngest
      ? Promise.resolve()
      : identity.authorities.permitIngest(principal, names, source);
  const ingest = new IngestService(storage, config, authorise);
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
  gateway.setTokenVerifier(oidc.verifyToken);
  const relay = startRelay(config, {
    storage,
    broker: connectedBroker,
    log,
    // `recommended` data is announced without its values (anyone may subscribe to the broker).
    restrictedAuthorities: async () => new Set(await identity.authorities.hiddenFrom(anonymous)),
  });

  const fastifyLogger: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: fastifyLogger,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // While stopping, new requests get our problem+json 503 (below), not Fastify's own body.
    return503OnClosing: false,
    logController: new AccessLog(),
  });
  installErrorHandler(app);
  // Stopping: in-flight queries are cancelled (EDR statements watch this signal), new requests refused.
  const stopping = new AbortController();
  app.addHook('onRequest', async (_request, reply) => {
    if (!stopping.signal.aborted) return;
    void reply.header('connection', 'close');
    throw new ObshubError('NOT_READY', 'the hub is stopping; retry in a moment');
  });
  // First of all: security headers, CORS (preflights answered before any authentication), request ids.
  await app.register(httpHygiene, { publicUrl: config.publicUrl, corsOrigins: config.corsOrigins });
  await app.register(gateway.plugin);
  // After the gateway (its address limits apply): the OIDC provider's routes authenticate their own
  // callers (e.g. HTTP Basic at /oidc/token), so the gateway leaves their credentials alone.
  app.addHook('onRequest', oidc.handOff);
  await app.register(openApi, {
    publicUrl: config.publicUrl,
    anonymousRead: config.anonymousRead,
    tags: [
      ...edrTags,
      { name: 'ingest', description: 'Observations from data providers (E-SOH messages)' },
      { name: 'records', description: 'Discovery metadata (WCMP2, OGC API - Records)' },
      { name: 'operations', description: 'Liveness and readiness' },
      ...adminApiTags,
    ],
  });
  const readiness: ReadinessCheck[] = [
    { name: 'database', check: () => storage.ping() },
    { name: 'broker', check: () => connectedBroker.checkReady() },
    { name: 'announcements', check: () => relay.checkProgress() },
  ];
  await app.register(oidc.plugin);
  await app.register(oidcClientRoutes(identity.oidcClients));
  await app.register(healthRoutes(readiness));
  await app.register(ingestPlugin({ service: ingest, bodyLimitBytes: config.ingestBodyLimitBytes }));
  const webSocket = serveMqttOverWebSocket(app, connectedBroker);
  const records = await startRecords(config, { storage, broker: connectedBroker, log, webSocket });
  await app.register(
    edrPlugin({
      ...config,
      storage,
      shutdown: stopping.signal,
      budget: {
        timeoutSeconds: config.queryTimeoutSeconds,
        timeoutAnonymousSeconds: config.queryTimeoutAnonymousSeconds,
        concurrency: config.queryConcurrency,
      },
      hiddenFrom: (principal) => identity.authorities.hiddenFrom(principal),
      otherCollections: async () => [await records.collection()],
    }),
  );
  const systemStatus = new SystemStatusService({
    config,
    database: { kind: storage.kind, description: storage.description },
    broker: connectedBroker,
    checks: readiness,
    outbox: () => storage.outboxStats(),
    ingestActivity: (sinceMs, bucketSeconds) => storage.ingestActivity(sinceMs, bucketSeconds),
    relay: () => relay.counts(),
  });
  await app.register(adminApiPlugin({ identity, system: systemStatus }));
  await app.register(recordsPlugin({ service: records }));
  await app.register(webAppPlugin({ publicUrl: config.publicUrl, basemap: config.webBasemap }));

  const retention = startRetentionJob({
    storage,
    retentionSeconds: config.retentionSeconds,
    intervalSeconds: config.retentionIntervalSeconds,
    log,
  });

  let adminSocket: AdminSocketServer | undefined;
  let closing: string | undefined;
  const steps: [string, () => Promise<void> | void][] = [
    [
      'admin socket',
      async () => {
        stopping.abort(new ObshubError('NOT_READY', 'the hub is stopping'));
        await adminSocket?.close();
      },
    ],
    [
      'demo feed and jobs',
      async () => {
        oidc.close();
        await Promise.all([hub.demo?.stop(), retention.stop()]);
      },
    ],
    ['HTTP requests in flight', () => app.close()],
    ['failed-authentication summaries', () => identity.authFailures.close()],
    ['rate-limit counters', () => counters.close()],
    ['announcement relay', () => relay.stop()],
    ['metadata records', () => records.stop()],
    ['MQTT broker', () => connectedBroker.close()],
    ['database', () => storage.close()],
  ];

  const hub: Hub = {
    config,
    app,
    storage,
    broker: connectedBroker,
    ingest,
    log,
    retention,
    relay,
    records,
    identity,
    gateway,
    oidc,
    counters,
    generatedAdminPassword,
    mqttOverWebSocket: webSocket,
    demo: undefined,
    get closing() {
      return closing;
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
      const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      // On the embedded database, `obshub admin` runs its commands in this process (see adminSocket.ts).
      const lock = storage.dataDirLock;
      if (lock) {
        const socketPath = adminSocketPath(config.dataDir);
        adminSocket = await serveAdminCommands(socketPath, { identity, storage }, log);
        lock.publishAdminSocket(socketPath);
      }
      if (config.demo) hub.demo = startDemoFeed({ ingest, log, publicUrl: config.publicUrl });
      void retention.runOnce();
      return url;
    },
    async close() {
      for (const [name, step] of steps) {
        closing = name;
        await step();
      }
      closing = undefined;
    },
  };
  return hub;
}
