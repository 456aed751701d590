// Reproduces the issue-11 heavy queries on ~288k observations (PostgreSQL when DATABASE_URL is set).
import { copyDatabase } from '../bench/baselines/copy.js';
import { startTestHub } from '../test/support/hub.js';
const endMs = Math.floor(Date.now() / 600_000) * 600_000;
const db = await copyDatabase(
  { stations: 50, hours: 24, endMs, cadence: 10 },
  { retentionSeconds: 25 * 3600, timed: false },
);
console.log('copied', db.dataDir, db.databaseUrl);
process.env.KEEP = '1';
const { loadConfig } = await import('../src/config/index.js');
const { createHub } = await import('../src/hub.js');
const pino = (await import('pino')).default;
const hub = await createHub(
  loadConfig({
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    PORT: '0',
    MQTT_PORT: '0',
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    OBSHUB_SECRET: 'x'.repeat(40),
    RETENTION: 'PT25H',
  }),
  { logger: pino({ level: 'silent' }) },
);
const paths = [
  '/collections/observations/cube?bbox=-180,-90,180,90&z=../..',
  '/collections/observations/area?coords=POLYGON((3.3%2050.7,7.3%2050.7,7.3%2053.6,3.3%2053.6,3.3%2050.7))',
  '/collections/observations/locations?z=' + Array.from({ length: 20 }, () => 'R1000/0/1').join(','),
];
for (const url of paths) {
  const t = performance.now();
  const r = await hub.app.inject({ url });
  console.log(r.statusCode, Math.round(performance.now() - t), 'ms', r.body.length, url.slice(0, 80));
}
await hub.close();
await db.drop();
