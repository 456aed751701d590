// Starts a real hub for a test: a fresh database (PGlite or the PostgreSQL of DATABASE_URL), the embedded
// broker on a free port, no demo feed, silent logs. Requests go through app.inject unless a test listens.
import pino from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { system, type Principal } from '../../src/core/access.js';
import { ADMIN_USERNAME, userPrincipal } from '../../src/identity/index.js';
import { createHub, type Hub } from '../../src/hub.js';
import { PortInUseError } from '../../src/notify/index.js';
import { testDatabase, type TestDatabase } from './database.js';
import { freePort } from './net.js';

/** The data provider every test hub has: organisation `test-provider`, owner of `nl.knmi`. */
export interface TestProvider {
  orgId: string;
  /** An API key with the ingest and read scopes. */
  apiKey: string;
  /** Headers that authenticate a request as the provider. */
  headers: { authorization: string };
  /** The provider's principal, for calls straight into services. */
  principal: Principal;
}

export interface TestHub extends Hub {
  provider: TestProvider;
  stop(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-of-at-least-32-characters-0123456789';

async function createProvider(hub: Hub): Promise<TestProvider> {
  const orgId = 'test-provider';
  await hub.identity.organisations.create(system, { id: orgId, name: 'Test provider' });
  await hub.identity.organisations.setAuthority(system, orgId, 'nl.knmi', 'core');
  const { key, apiKey } = await hub.identity.apiKeys.create(system, {
    orgId,
    name: 'test ingest',
    scopes: ['ingest', 'read'],
  });
  return {
    orgId,
    apiKey: key,
    headers: { authorization: `Bearer ${key}` },
    principal: {
      actor: `key:${apiKey.id}`,
      role: 'service',
      orgId,
      userId: null,
      scopes: new Set(['ingest', 'read']),
      via: 'api-key',
    },
  };
}

/**
 * A hub on an existing test database, with the test hub's settings (free ports, no demo feed, silent logs,
 * validation on the event loop) under `env`: a second process of one deployment, or a restart. It has no
 * data provider of its own, and closing it leaves the database alone.
 */
export function openHub(
  db: Pick<TestDatabase, 'databaseUrl' | 'dataDir'>,
  env: Record<string, string> = {},
): Promise<Hub> {
  const config = loadConfig({
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    MQTT_PORT: '0',
    PORT: '0',
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    OBSHUB_SECRET: TEST_SECRET,
    OBSHUB_ADMIN_PASSWORD: 'test-admin-password',
    // Validation on the event loop: under tsx every validation worker compiles the ingest code again (about
    // 2 s of CPU per hub). The workers have their own test (validation-pool), and the e2e tests run them.
    INGEST_WORKERS: '0',
    ...env,
  });
  return createHub(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

/**
 * A hub on a fresh database, with the test provider; `stop` closes it and drops the database.
 * `routeDatabase` may rewrite the database URL the hub uses (e.g. through a proxy).
 */
export async function startTestHub(
  env: Record<string, string> = {},
  routeDatabase: (url: string) => string = (url) => url,
): Promise<TestHub> {
  const db = await testDatabase();
  const hub = await openHub(
    { dataDir: db.dataDir, databaseUrl: db.databaseUrl && routeDatabase(db.databaseUrl) },
    env,
  );
  const provider = await createProvider(hub);
  return Object.assign(hub, {
    provider,
    stop: async () => {
      await hub.close();
      await db.drop();
    },
  });
}

/**
 * A test hub listening on a port chosen before it starts, for settings that name it (PUBLIC_URL: links,
 * token issuer, redirects). The port is free when picked, but another process may bind it first: then
 * the hub starts again on another one.
 */
export async function startListeningHub(
  env: Record<string, string> = {},
): Promise<{ hub: TestHub; base: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const hub = await startTestHub({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
    try {
      return { hub, base: await hub.listen() };
    } catch (err) {
      await hub.stop();
      if (!(err instanceof PortInUseError) || attempt >= 5) throw err;
    }
  }
}

/** POST /ingest/json (or `url`) as the test provider; a payload that is not text or bytes is sent as JSON. */
export function postIngest(
  hub: TestHub,
  payload: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  url = '/ingest/json',
) {
  return hub.app.inject({
    method: 'POST',
    url,
    headers: { ...hub.provider.headers, ...headers },
    payload: Buffer.isBuffer(payload) || typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

export type PersonRole = 'platform-admin' | 'maintainer' | 'org-admin' | 'org-user';

/**
 * One person of each role (the platform admin is the hub's own admin; the others are new users named
 * `<prefix>-<role>`, of the test provider where the role has an organisation), with bearer tokens: the
 * hub's token verifier maps `test-token-<role>` to that person's principal and hands any other token to
 * the real verifier. Authorisation, not token validation, is what such tests check.
 */
export async function signInPeople(hub: TestHub, prefix: string) {
  const { users } = hub.identity;
  const orgId = hub.provider.orgId;
  const people = {
    'platform-admin': (await hub.storage.users.findByUsername(ADMIN_USERNAME))!,
    maintainer: await users.create(system, { username: `${prefix}-maintainer`, role: 'maintainer' }),
    'org-admin': await users.create(system, { username: `${prefix}-org-admin`, role: 'org-admin', orgId }),
    'org-user': await users.create(system, { username: `${prefix}-org-user`, role: 'org-user', orgId }),
  };
  const tokens = new Map(
    Object.entries(people).map(([role, user]) => [`test-token-${role}`, userPrincipal(user, 'token')]),
  );
  const verify = hub.oidc.verifyToken;
  hub.gateway.setTokenVerifier(async (token, request) => tokens.get(token) ?? verify(token, request));
  const headers = Object.fromEntries(
    Object.keys(people).map((role) => [role, { authorization: `Bearer test-token-${role}` }]),
  ) as Record<PersonRole, { authorization: string }>;
  return { people, headers };
}

/**
 * A fresh database (see testDatabase) migrated and holding the test provider, for a hub that a test runs
 * as its own process (`obshub serve`): the provider's API key, and the environment that reaches the database.
 */
export async function provisionedDatabase(): Promise<{
  db: TestDatabase;
  apiKey: string;
  env: Record<string, string>;
}> {
  const db = await testDatabase();
  const env = {
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    OBSHUB_SECRET: TEST_SECRET,
    OBSHUB_ADMIN_PASSWORD: 'test-admin-password',
  };
  const config = loadConfig({ ...env, MQTT_PORT: '0', PORT: '0', DEMO: 'off', LOG_LEVEL: 'silent' });
  const hub = await createHub(config, { logger: pino({ level: 'silent' }) });
  try {
    const provider = await createProvider(hub);
    return { db, apiKey: provider.apiKey, env };
  } finally {
    await hub.close();
  }
}
