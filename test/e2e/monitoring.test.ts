// The monitoring assets against the real tools: promtool checks the Prometheus config and the alert
// rules and runs their unit tests; a real Prometheus (Debian's package) scrapes a hub under a little
// ingest and a query, and its HTTP API shows a non-zero ingest rate and announcement delay, and knows
// every metric that an alert rule or a Grafana dashboard uses.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { obshubMetrics } from '../../scripts/metrics-docs.js';
import { DATABASE_WIDE } from '../../src/observability/index.js';
import { freePort } from '../support/net.js';
import { startTestHub, postIngest, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROMETHEUS_DIR = path.join(ROOT, 'deploy/prometheus');
const DASHBOARDS_DIR = path.join(ROOT, 'deploy/grafana/dashboards');
const TOKEN = 'monitoring-test-token-0123456789';
const installed = (tool: string) => spawnSync(tool, ['--version']).status === 0;
// On CI the tools must be there (.ci/run installs Debian's prometheus); elsewhere the test is skipped.
const missing = !installed('promtool') || !installed('prometheus');
const skip =
  missing && !process.env.CI ? 'prometheus/promtool not installed (apt-get install prometheus)' : false;

function promtool(...args: string[]) {
  const run = spawnSync('promtool', args, { cwd: PROMETHEUS_DIR, encoding: 'utf8' });
  assert.equal(run.status, 0, `promtool ${args.join(' ')}:\n${run.stdout}${run.stderr}`);
}

/** Metric names in PromQL expressions. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:obshub|nodejs|process)_[a-z0-9_]+|up)\b(?!\s*\()/g)].map((m) => m[1]!);
}

function usedMetrics(): Set<string> {
  const used = new Set<string>();
  for (const line of readFileSync(path.join(PROMETHEUS_DIR, 'alerts.yml'), 'utf8').split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (!/expr:|^\s{10,}/.test(line) || /summary|runbook/.test(line)) continue;
    for (const name of metricNames(line)) used.add(name);
  }
  for (const { expr } of dashboardQueries()) for (const name of metricNames(expr)) used.add(name);
  return used;
}

/** The PromQL queries of the Grafana dashboards, with their dashboard's file name. */
function dashboardQueries(): { file: string; expr: string }[] {
  return readdirSync(DASHBOARDS_DIR).flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, file), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    return dashboard.panels.flatMap((panel) => panel.targets.map(({ expr }) => ({ file, expr })));
  });
}

it('never sums a figure every process reads from the database (several processes would multiply it)', () => {
  const databaseWide = obshubMetrics()
    .filter((m) => m.help.endsWith(DATABASE_WIDE))
    .map((m) => m.name);
  assert.ok(databaseWide.includes('obshub_db_observations'), databaseWide.join(', '));
  const summed = dashboardQueries().filter(({ expr }) =>
    databaseWide.some((name) => new RegExp(`\\bsum\\s*(by\\s*\\([^)]*\\)\\s*)?\\(\\s*${name}\\b`).test(expr)),
  );
  assert.deepEqual(summed, []);
});

describe('monitoring assets', { skip }, () => {
  it('passes promtool check config, check rules and the rule unit tests', () => {
    promtool('check', 'config', '--syntax-only', 'prometheus.yml');
    promtool('check', 'rules', 'alerts.yml');
    promtool('test', 'rules', 'alerts.test.yml');
  });

  describe('a real Prometheus scraping a hub', () => {
    let hub: TestHub;
    let prometheus: ChildProcess;
    let api: string;
    let dir: string;
    let log = '';

    before(async () => {
      hub = await startTestHub({ METRICS_TOKEN: TOKEN, WIS2_PUBLISH: 'on', HOST: '127.0.0.1' });
      const target = new URL(await hub.listen()).host;
      dir = mkdtempSync(path.join(tmpdir(), 'obshub-prometheus-'));
      writeFileSync(path.join(dir, 'token'), TOKEN);
      copyFileSync(path.join(PROMETHEUS_DIR, 'alerts.yml'), path.join(dir, 'alerts.yml'));
      // The shipped scrape job, pointed at the test hub and scraped every second.
      const config = readFileSync(path.join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8')
        .replace(/scrape_interval: \d+s/, 'scrape_interval: 1s')
        .replace(/evaluation_interval: \d+s/, 'evaluation_interval: 1s')
        .replace('credentials_file: obshub-metrics-token', `credentials_file: ${path.join(dir, 'token')}`)
        .replace("['obshub:8080']", `['${target}']`);
      writeFileSync(path.join(dir, 'prometheus.yml'), config);
      const port = await freePort();
      api = `http://127.0.0.1:${port}/api/v1`;
      prometheus = spawn(
        'prometheus',
        [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      prometheus.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
      prometheus.stdout!.resume();
    });
    after(async () => {
      if (prometheus && prometheus.exitCode === null) {
        const exited = new Promise((resolve) => prometheus.once('exit', resolve));
        prometheus.kill('SIGTERM');
        await exited;
      }
      await hub?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Polls a PromQL query until `accept` likes its first value (each try is one HTTP call; ~90 s at most). */
    async function until(query: string, accept: (value: number) => boolean): Promise<number> {
      const deadline = Date.now() + 90_000;
      let last = 'no answer';
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`${api}/query?query=${encodeURIComponent(query)}`);
          const body = (await res.json()) as { data?: { result: { value: [number, string] }[] } };
          const value = Number(body.data?.result[0]?.value[1]);
          last = JSON.stringify(body.data?.result ?? body);
          if (body.data?.result.length && accept(value)) return value;
        } catch (err) {
          last = String(err);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.fail(`${query} never matched; last answer: ${last}\nprometheus: ${log}`);
    }

    it('shows the ingest rate and the announcement delay, and knows every metric the rules and dashboards use', async () => {
      assert.equal(await until('up{job="obshub"}', (v) => v === 1), 1);
      // A little traffic: batches (the first one before Prometheus has seen the organisation's series,
      // the others after, so that rate() sees the counter grow), a refused one, a duplicate, a query.
      for (let round = 1; round <= 3; round++) {
        if (round === 2) await until('obshub_ingest_observations_accepted_total', (v) => v > 0);
        const batch = [1, 2, 3, 4].map((m) =>
          esohMessage({
            platform: '0-20000-0-06260',
            datetime: minutesAgo(10 * round + m),
            value: String(m),
          }),
        );
        const res = await postIngest(hub, [...batch, batch[0]]);
        assert.equal(res.statusCode, 200, res.body);
      }
      assert.equal((await postIngest(hub, [{ type: 'Feature' }])).statusCode, 422);
      const query = await hub.app.inject({
        url: `/collections/observations/locations/0-20000-0-06260?datetime=${minutesAgo(11)}`,
        headers: hub.provider.headers,
      });
      assert.equal(query.statusCode, 200, query.body);

      const rate = await until('sum(rate(obshub_ingest_observations_accepted_total[1m]))', (v) => v > 0);
      const delay = await until(
        'histogram_quantile(0.5, sum by (le) (rate(obshub_announcement_delay_seconds_bucket[1m])))',
        (v) => v > 0,
      );
      assert.ok(rate > 0 && delay > 0);
      await until('obshub_ingest_batches_rejected_total', (v) => v === 1);

      // Every metric a rule or dashboard uses is known: as a series, or (families that only get a series
      // with their first event, e.g. rate-limit refusals) declared in the hub's /metrics text.
      const names = await fetch(`${api}/label/__name__/values`).then(
        async (r) => new Set(((await r.json()) as { data: string[] }).data),
      );
      const declared = await hub.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const families = new Set([...declared.body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
      const family = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
      const unknown = [...usedMetrics()].filter((n) => !names.has(n) && !families.has(family(n)));
      assert.deepEqual(unknown, []);
      for (const key of [
        'obshub_outbox_rows',
        'obshub_ready',
        'obshub_db_pool_connections',
        'obshub_query_duration_seconds_bucket',
      ])
        assert.ok(names.has(key), `${key} is scraped`);
      // The shipped rules loaded in the real Prometheus.
      const rules = (await fetch(`${api}/rules`).then((r) => r.json())) as {
        data: { groups: { rules: unknown[] }[] };
      };
      assert.ok((rules.data.groups[0]?.rules.length ?? 0) >= 10);
    });
  });
});
