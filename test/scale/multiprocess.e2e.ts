// The scaled-out hub end to end (npm run test:scale, from .ci/run): in a temporary directory, a
// PostgreSQL primary and a streaming read replica made with pg_basebackup, on ports of their own; the
// machine's Mosquitto (1883), Redis (6379) and NATS JetStream (4222); obshub as 1 ingest + 2 query +
// 2 relay + 1 jobs + 1 admin processes behind nginx (deploy/nginx/obshub.conf.template), the single
// entry point. It ingests 50 000 observations through nginx, SIGKILLs one query and one relay process
// midway, and checks: every acknowledged observation stored and announced at least once, each series
// announced in order, queries answered throughout (failures only around the kill), and the replica
// served the queries.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, fstatSync, openSync, readSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect } from 'nats';
import { natsNames } from '../../src/bus/index.js';
import type { ReplicaState } from '../../src/storage/index.js';
import { esohMessage } from '../support/messages.js';
import { freePort } from '../support/net.js';
import {
  isRoot,
  query,
  startReplicatedPostgres,
  tableScans,
  type Cluster,
  type ReplicatedPostgres,
} from '../support/postgresCluster.js';
import { obshub, serveObshub, type ServingObshub } from '../support/process.js';

const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const TEMPLATE = new URL('../../deploy/nginx/obshub.conf.template', import.meta.url);

const SERIES = 250;
const MINUTES = Number(process.env.SCALE_MINUTES ?? 200); // SERIES × MINUTES observations (50 000)
const TOTAL = SERIES * MINUTES;
const WORKERS = 4; // concurrent ingest requests; each owns a quarter of the series, in time order
const MINUTES_PER_BATCH = 8;
const PARAMETER = 'air_temperature:2.0:mean:PT1M';

interface ReadyAnswer {
  services: string[];
  checks: Record<string, string>;
  replicas?: ReplicaState[];
}

async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function platformOf(i: number): string {
  return `0-20000-0-${String(10_000 + i)}`;
}

function message(i: number, minute: number, baseMs: number) {
  return esohMessage({
    platform: platformOf(i),
    lat: 40 + (i % 25),
    lon: -5 + Math.floor(i / 25) * 2,
    datetime: new Date(baseMs + minute * 60_000).toISOString(),
    value: String((i % 30) + minute / 100),
  });
}

describe('scaled-out hub: 1 ingest, 2 query, 2 relay, 1 jobs, 1 admin behind nginx, with a read replica', () => {
  const run = randomBytes(4).toString('hex');
  const centre = `scale${run}-test`;
  const busName = `obshub-scale-${run}`;
  let postgres: ReplicatedPostgres | undefined;
  let root: string;
  let primary: Cluster;
  let replica: Cluster;
  let nginx: ChildProcess | undefined;
  let nginxUrl: string;
  const processes = new Map<string, ServingObshub>();
  let subscriber: ChildProcess | undefined;
  let env: Record<string, string>;
  /** The query loop runs while this is true (after() ends it if a check failed). */
  let querying = false;

  before(async () => {
    postgres = await startReplicatedPostgres();
    ({ root, primary, replica } = postgres);

    const ports = {
      nginx: await freePort(),
      ingest: await freePort(),
      query1: await freePort(),
      query2: await freePort(),
      admin: await freePort(),
    };
    nginxUrl = `http://127.0.0.1:${ports.nginx}`;
    env = {
      DATABASE_URL: primary.url,
      DATABASE_READ_URL: replica.url,
      DATABASE_POOL_SIZE: '8',
      MQTT_URL,
      BUS_URL: `${NATS_URL}/${busName}`,
      REDIS_URL,
      REDIS_KEY_PREFIX: `obshub-scale-${run}:`,
      PUBLIC_URL: nginxUrl,
      HOST: '127.0.0.1',
      OBSHUB_SECRET: `scale-test-secret-${run}-0123456789abcdef`,
      OBSHUB_ADMIN_PASSWORD: 'scale-admin-password',
      WIS2_CENTRE_ID: centre,
      ESOH_TOPICS_PUBLISH: 'off',
      RATE_LIMITS: 'off',
      RETENTION: 'PT24H',
      DEMO: 'off',
      LOG_LEVEL: 'info',
    };

    // Announcements, as a subscriber sees them: a C client writing straight to a file, so that it keeps
    // up with the relays whatever this process is busy with. QoS 0: Mosquitto holds at most
    // max_queued_messages (1 000) QoS 1 messages beyond 20 in flight for one subscriber and drops the rest
    // (the relays publish batches of 1 000, two relays at once); QoS 0 messages to a connected subscriber
    // are written to its connection without that limit.
    const announcements = openSync(path.join(root, 'announcements.jsonl'), 'w');
    subscriber = spawn(
      'mosquitto_sub',
      [
        ...['-h', new URL(MQTT_URL).hostname, '-p', new URL(MQTT_URL).port || '1883'],
        ...['-q', '0', '-i', `obshub-scale-${run}`, '-t', `origin/a/wis2/${centre}/data/#`, '-F', '%p'],
      ],
      { stdio: ['ignore', announcements, 'inherit'] },
    );
    closeSync(announcements);

    // The admin process first: it migrates the database; the others find it done.
    const start = (name: string, services: string, port = 0) =>
      serveObshub({ ...env, PORT: String(port), DATA_DIR: path.join(root, `data-${name}`) }, [
        '--services',
        services,
      ]).then((p) => void processes.set(name, p));
    await start('admin', 'admin', ports.admin);
    await Promise.all([
      start('ingest', 'ingest', ports.ingest),
      start('query-1', 'query', ports.query1),
      start('query-2', 'query', ports.query2),
      start('relay-1', 'relay'),
      start('relay-2', 'relay'),
      start('jobs', 'jobs'),
    ]);

    // nginx, from the template.
    const conf = readFileSync(TEMPLATE, 'utf8')
      .replaceAll('${OBSHUB_LISTEN}', `127.0.0.1:${ports.nginx}`)
      .replaceAll('${OBSHUB_INGEST_SERVERS}', `server 127.0.0.1:${ports.ingest} max_fails=1 fail_timeout=5s;`)
      .replaceAll(
        '${OBSHUB_QUERY_SERVERS}',
        `server 127.0.0.1:${ports.query1} max_fails=1 fail_timeout=5s; server 127.0.0.1:${ports.query2} max_fails=1 fail_timeout=5s;`,
      )
      .replaceAll('${OBSHUB_ADMIN_SERVERS}', `server 127.0.0.1:${ports.admin};`)
      .replaceAll('${OBSHUB_MQTT_WEBSOCKET}', '127.0.0.1:9001'); // not exercised here
    assert.doesNotMatch(conf, /\$\{OBSHUB_/, 'every placeholder is rendered');
    const nginxDir = path.join(root, 'nginx');
    mkdirSync(nginxDir, { recursive: true });
    writeFileSync(path.join(nginxDir, 'obshub.conf'), conf);
    writeFileSync(
      path.join(nginxDir, 'nginx.conf'),
      [
        ...(isRoot ? ['user root;'] : []),
        'worker_processes 1;',
        'daemon off;',
        `pid ${nginxDir}/nginx.pid;`,
        `error_log ${nginxDir}/error.log warn;`,
        'events { worker_connections 1024; }',
        'http {',
        '  access_log off;',
        `  client_body_temp_path ${nginxDir}/body;`,
        `  proxy_temp_path ${nginxDir}/proxy;`,
        `  fastcgi_temp_path ${nginxDir}/fastcgi;`,
        `  uwsgi_temp_path ${nginxDir}/uwsgi;`,
        `  scgi_temp_path ${nginxDir}/scgi;`,
        `  include ${nginxDir}/obshub.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    nginx = spawn(process.env.NGINX ?? 'nginx', ['-p', nginxDir, '-c', path.join(nginxDir, 'nginx.conf')], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitUntil('nginx', 20_000, async () => ((await fetch(`${nginxUrl}/health`)).ok ? true : undefined));
  });

  after(async () => {
    querying = false;
    for (const p of processes.values()) await p.stop('SIGTERM').catch(() => undefined);
    nginx?.kill('SIGTERM');
    subscriber?.kill('SIGTERM');
    const nc = await connect({ servers: new URL(NATS_URL).host }).catch(() => undefined);
    if (nc) {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(natsNames(`${NATS_URL}/${busName}`).stream).catch(() => undefined);
      await nc.close();
    }
    postgres?.stop();
  });

  it('every role answers /ready and names its roles', async () => {
    for (const [name, p] of processes) {
      const answer = await waitUntil(`${name} ready`, 30_000, async () => {
        const r = await fetch(`${p.url}/ready`);
        const body = r.ok ? ((await r.json()) as ReadyAnswer) : undefined;
        // A query process has measured its replica once (the first probe runs at its start).
        return body?.replicas?.some((c) => c.lagSeconds === null) ? undefined : body;
      });
      assert.deepEqual(answer.services, [name.replace(/-\d$/, '')], name);
      assert.equal(answer.checks.bus, 'ok', `${name} reaches NATS`);
      assert.equal(p.start.services, name.replace(/-\d$/, ''));
      // A query process reads from the replica, which is current; the others read nothing there.
      assert.deepEqual(
        answer.replicas?.map((r) => [r.replica, r.serving]),
        name.startsWith('query') ? [[`127.0.0.1:${replica.port}/postgres`, true]] : undefined,
        name,
      );
    }
    const ready = (await (await fetch(`${nginxUrl}/ready`)).json()) as { services: string[] };
    assert.deepEqual(ready.services, ['query'], 'nginx sends the rest to the query role');
  });

  it('ingests 50 000 observations, survives SIGKILL of a query and a relay process, announces all in order', async () => {
    // A data provider and its API key, created with the admin CLI against the shared database.
    const org = await obshub(
      ['admin', 'org', 'create', 'scale', '--name', 'Scale test', '--authority', 'nl.knmi'],
      env,
    );
    assert.equal(org.code, 0, org.stderr);
    const created = await obshub(
      ['admin', 'api-key', 'create', '--org', 'scale', '--scopes', 'ingest,read', '--name', 'loader'],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const key = created.stdout.trim().split('\n').at(-1)!;
    const replicaBefore = await tableScans(replica.url);

    // Queries through nginx all along: the collection (extent, parameters) and one station's series.
    const answers = { ok: 0, failed: [] as { at: number; status: number | string }[] };
    // Each distinct ETag (data version × URL) is an answer the query processes had to read from the
    // database at least once; repeats of one may come from their answer cache.
    const computed = new Set<string>();
    querying = true;
    const queryLoop = (async () => {
      for (let i = 0; querying; i++) {
        const url =
          i % 2 === 0
            ? `${nginxUrl}/collections/observations`
            : `${nginxUrl}/collections/observations/locations/${platformOf(i % SERIES)}?parameter-name=${PARAMETER}`;
        try {
          const r = await fetch(url);
          await r.arrayBuffer();
          if (r.ok) computed.add(r.headers.get('etag') ?? '');
          // 404 (no such station yet) and 400 (no such parameter yet): answers early in the run.
          if (r.ok || r.status === 404 || r.status === 400) answers.ok++;
          else answers.failed.push({ at: Date.now(), status: r.status });
        } catch (err) {
          answers.failed.push({ at: Date.now(), status: (err as Error).message });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    // Ingest: each worker owns every WORKERS-th series and sends it in time order, so that commit order
    // is time order within a series.
    const baseMs = Math.floor(Date.now() / 60_000) * 60_000 - (MINUTES + 5) * 60_000;
    const acknowledged = new Set<string>(); // `${platform}/${minute}`
    let killedAt = 0;
    let killing: Promise<void> | undefined;
    const started = Date.now();
    const worker = async (w: number) => {
      const mine = Array.from({ length: SERIES }, (_, i) => i).filter((i) => i % WORKERS === w);
      for (let m0 = 0; m0 < MINUTES; m0 += MINUTES_PER_BATCH) {
        const minutes = Array.from({ length: Math.min(MINUTES_PER_BATCH, MINUTES - m0) }, (_, k) => m0 + k);
        const batch = minutes.flatMap((m) => mine.map((i) => message(i, m, baseMs)));
        for (let attempt = 0; ; attempt++) {
          const r = await fetch(`${nginxUrl}/ingest/json`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(batch),
          }).catch(() => undefined);
          if (r?.status === 200) {
            for (const m of minutes) for (const i of mine) acknowledged.add(`${platformOf(i)}/${m}`);
            break;
          }
          assert.ok(attempt < 5, `ingest failed: ${r?.status} ${await r?.text()}`);
        }
        if (!killing && acknowledged.size >= TOTAL / 2) {
          killedAt = Date.now();
          killing = (async () => {
            await processes.get('query-1')!.stop('SIGKILL');
            await processes.get('relay-1')!.stop('SIGKILL');
            processes.delete('query-1');
            processes.delete('relay-1');
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const ingestSeconds = (Date.now() - started) / 1000;
    await killing;
    assert.equal(acknowledged.size, TOTAL);

    // Every acknowledged observation is stored (on the primary, and streamed to the replica).
    const [stored] = await query<{ n: number }>(
      primary.url,
      'SELECT count(*)::integer AS n FROM observation',
    );
    assert.equal(stored?.n, TOTAL);

    // Announced at least once: the killed relay's leases expire (60 s) and the other relay takes them over.
    const announced = new Map<string, number[]>(); // series → minutes, in order of first arrival
    const seen = new Set<string>();
    let offset = 0; // bytes of the file parsed so far (whole lines)
    const parse = () => {
      const fd = openSync(path.join(root, 'announcements.jsonl'), 'r');
      const chunk = Buffer.alloc(Math.max(0, fstatSync(fd).size - offset));
      readSync(fd, chunk, 0, chunk.length, offset);
      closeSync(fd);
      const end = chunk.lastIndexOf(0x0a) + 1;
      offset += end;
      for (const line of chunk.subarray(0, end).toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const wnm = JSON.parse(line) as { properties: { data_id: string; datetime: string } };
        const dataId = wnm.properties.data_id;
        if (seen.has(dataId)) continue;
        seen.add(dataId);
        const series = dataId.slice(0, dataId.lastIndexOf('/'));
        const minute = (Date.parse(wnm.properties.datetime) - baseMs) / 60_000;
        announced.set(series, [...(announced.get(series) ?? []), minute]);
      }
      return seen.size;
    };
    await waitUntil('every announcement', 240_000, async () => (parse() >= TOTAL ? true : undefined)).catch(
      async (err: unknown) => {
        const [backlog] = await query<{ n: number; leased: number }>(
          primary.url,
          'SELECT count(*)::integer AS n, count(lease_until)::integer AS leased FROM outbox',
        );
        const problems = [...processes]
          .map(([name, p]) => {
            const lines = p
              .output()
              .stdout.split('\n')
              .filter((l) => /"level":[456]0/.test(l));
            return `${name}: ${lines.slice(-5).join('\n')}`;
          })
          .join('\n');
        throw new Error(
          `${(err as Error).message}: ${seen.size} of ${TOTAL} announced, outbox ${JSON.stringify(backlog)}\n${problems}`,
        );
      },
    );
    const announceSeconds = (Date.now() - started) / 1000;
    querying = false;
    await queryLoop;

    assert.equal(seen.size, TOTAL, 'every acknowledged observation announced');
    assert.equal(announced.size, SERIES);
    for (const [series, minutes] of announced) {
      assert.deepEqual(
        minutes,
        [...minutes].sort((a, b) => a - b),
        `${series} announced in order`,
      );
    }

    // Queries answered throughout; failures (if any) only around the kill.
    assert.ok(answers.ok > 20, `queries answered: ${answers.ok}`);
    for (const f of answers.failed) {
      assert.ok(
        f.at >= killedAt - 1000 && f.at <= killedAt + 10_000,
        `a query failed outside the kill: ${JSON.stringify(f)}`,
      );
    }
    // The replica served the queries: every answer computed (not served from a process's answer cache)
    // scanned a table there at least once (the replica's statistics are flushed within seconds).
    assert.ok(computed.size > 20, `distinct answers: ${computed.size}`);
    let replicaReads = 0;
    await waitUntil('the replica to have served the queries', 30_000, async () => {
      replicaReads = (await tableScans(replica.url)) - replicaBefore;
      return replicaReads >= computed.size ? true : undefined;
    }).catch((err: unknown) => {
      throw new Error(
        `${(err as Error).message}: ${replicaReads} table scans for ${computed.size} distinct answers`,
      );
    });

    console.log(
      `# ingested ${TOTAL} observations in ${ingestSeconds.toFixed(1)} s (${Math.round(TOTAL / ingestSeconds)} obs/s through nginx, one ingest process)`,
    );
    console.log(
      `# all announced ${announceSeconds.toFixed(1)} s after the start (${Math.round(TOTAL / announceSeconds)} msg/s, two relays, one killed midway)`,
    );
    console.log(
      `# queries answered: ${answers.ok} (${computed.size} distinct), failed: ${answers.failed.length} (around the kill); table scans on the replica: ${replicaReads}`,
    );
  });
});
