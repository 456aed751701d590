// Composes the services into one running hub: storage, broker, HTTP API (health, ingest), background
// jobs (retention, demo feed). `createHub` builds everything without binding the HTTP port, so tests can
// use `app.inject`; `listen` binds it.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config/index.js';
import { anonymous, type Permission } from './core/access.js';
import { DEMO_NAMING_AUTHORITY, startDemoFeed, type DemoFeed } from './demo/index.js';
import { edrPlugin, edrTags } from './edr/index.js';
import { createGateway, type Gateway } from './gateway/index.js';
import {
  adminApiPlugin,
  adminApiTags,
  bootstrapIdentity,
  createIdentity,
  createOidc,
  oidcClientRoutes,
  resolveMasterSecret,
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
  healthRoutes,
  installErrorHandler,
  loggerOptions,
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
  /** Set on the first start when OBSHUB_ADMIN_PASSWORD was not given: print it once. */
  readonly generatedAdminPassword: string | undefined;
  demo: DemoFeed | undefined;
  /** Binds the HTTP port and starts the demo feed; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function createHub(config: Readonly<Config>, options: { logger?: Logger } = {}): Promise<Hub> {
  const log = options.logger ?? pino(loggerOptions(config.logLevel));
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
  let identity: Identity;
  let generatedAdminPassword: string | undefined;
  let oidc: Oidc;
  try {
    identity = createIdentity({ storage, masterSecret: resolveMasterSecret(config, log), log });
    ({ generatedAdminPassword } = await bootstrapIdentity(identity, storage, {
      adminPassword: config.adminPassword,
      demoAuthority: config.demo ? DEMO_NAMING_AUTHORITY : undefined,
    }));
    oidc = await createOidc({ config, storage, identity, log });
  } catch (err) {
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
  const gateway = createGateway({ apiKeys: identity.apiKeys, anonymousPermissions });
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
    requestIdHeader: 'x-request-id',
  });
  installErrorHandler(app);
  // Before the gateway: the OIDC provider authenticates its own callers (e.g. HTTP Basic at /oidc/token).
  app.addHook('onRequest', oidc.handOff);
  await app.register(gateway.plugin);
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
  ];
  await app.register(oidc.plugin);
  await app.register(oidcClientRoutes(identity.oidcClients));
  await app.register(healthRoutes(readiness));
  await app.register(ingestPlugin({ service: ingest, bodyLimitBytes: config.ingestBodyLimitBytes }));
  await app.register(
    edrPlugin({ ...config, storage, hiddenFrom: (principal) => identity.authorities.hiddenFrom(principal) }),
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
  const webSocket = serveMqttOverWebSocket(app, connectedBroker);
  const records = await startRecords(config, { storage, broker: connectedBroker, log, webSocket });
  await app.register(recordsPlugin({ service: records }));
  await app.register(webAppPlugin({ publicUrl: config.publicUrl }));

  const retention = startRetentionJob({
    storage,
    retentionSeconds: config.retentionSeconds,
    intervalSeconds: config.retentionIntervalSeconds,
    log,
  });

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
    generatedAdminPassword,
    demo: undefined,
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
      if (config.demo) hub.demo = startDemoFeed({ ingest, log });
      void retention.runOnce();
      return url;
    },
    async close() {
      hub.demo?.stop();
      retention.stop();
      oidc.close();
      await app.close();
      await relay.stop();
      await records.stop();
      await connectedBroker.close();
      await storage.close();
    },
  };
  return hub;
}
