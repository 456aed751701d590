// npm run bench [-- --quick] [--stations N] [--hours H]
// Starts a hub (embedded PGlite + broker, or DATABASE_URL / MQTT_URL when set), loads a seeded data set
// through the real ingest API and measures each scenario next to a baseline measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { measureCopy } from './baselines/copy.js';
import { type DatasetOptions, observationCount } from './dataset.js';
import { startHubProcess } from './hubProcess.js';
import { machine, markdown, type Report, writeReport } from './report.js';
import { measureIngest } from './scenarios/ingest.js';
import { round } from './stats.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    stations: { type: 'string' },
    hours: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const serverUrl = process.env.DATABASE_URL;
const mode: Report['mode'] = serverUrl ? 'postgres' : 'embedded';

// Quick: 100 stations × 40 parameters × 24 h of 10-minute data (576 000 observations).
// Full: 5 000 stations (E-SOH's plan) at 1/5/10-minute cadence over the last hour for ingest.
const dataset: DatasetOptions = {
  stations: Number(values.stations ?? (quick ? 100 : 5000)),
  hours: Number(values.hours ?? (quick ? 24 : 1)),
  endMs: Math.floor(Date.now() / 60_000) * 60_000,
  ...(quick ? { cadence: 10 } : {}),
};

async function hubDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'obshub-bench-'));
  if (!serverUrl)
    return {
      env: { DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  const name = `obshub_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: u.toString() },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const report: Report = {
  machine: machine(),
  mode,
  quick,
  dataset: {
    stations: dataset.stations,
    parameters: 40,
    hours: dataset.hours,
    observations: observationCount(dataset),
  },
  date: new Date().toISOString(),
  scenarios: {},
};

console.error(`# ${mode}: ${report.dataset.observations} observations; COPY baseline first`);
const copyPerSecond = await measureCopy(dataset, serverUrl);

const db = await hubDatabase();
const hub = await startHubProcess({ ...db.env, RETENTION: 'PT25H', FUTURE_TOLERANCE: 'PT1H' });
try {
  console.error('# ingest through the API');
  const ingest = await measureIngest(hub.url, dataset);
  const ingestTarget = mode === 'postgres' ? 100_000 : 30_000;
  report.scenarios.ingest = {
    value: ingest.perSecond,
    unit: 'observations/s',
    baseline: copyPerSecond,
    ratio: round(ingest.perSecond / copyPerSecond, 3),
    p50_ms: ingest.p50_ms,
    p99_ms: ingest.p99_ms,
    note: `${ingest.observations} observations in batches of 1 000, 4 requests in flight`,
    target: { text: `≥ ${ingestTarget} obs/s`, met: ingest.perSecond >= ingestTarget },
  };
  const rss = hub.rssMb();
  report.scenarios['memory after load'] = {
    value: rss,
    unit: 'MB resident',
    baseline: null,
    ratio: null,
    p50_ms: null,
    p99_ms: null,
    target: { text: '≤ 300 MB', met: rss <= 300 },
  };
} finally {
  await hub.stop();
  await db.drop();
}

console.log(markdown(report));
console.error(`# written to ${writeReport(report)}`);
