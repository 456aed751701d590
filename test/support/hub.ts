// Starts a real hub for a test: a fresh database (PGlite or the PostgreSQL of DATABASE_URL), the embedded
// broker on a free port, no demo feed, silent logs. Requests go through app.inject unless a test listens.
import pino from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { createHub, type Hub } from '../../src/hub.js';
import { testDatabase } from './database.js';

export interface TestHub extends Hub {
  stop(): Promise<void>;
}

/** `routeDatabase` may rewrite the database URL the hub uses (e.g. through a proxy). */
export async function startTestHub(
  env: Record<string, string> = {},
  routeDatabase: (url: string) => string = (url) => url,
): Promise<TestHub> {
  const db = await testDatabase();
  const config = loadConfig({
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: routeDatabase(db.databaseUrl) } : {}),
    MQTT_PORT: '0',
    PORT: '0',
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const hub = await createHub(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  return Object.assign(hub, {
    stop: async () => {
      await hub.close();
      await db.drop();
    },
  });
}
