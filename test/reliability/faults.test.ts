// Issue 11, reliability suite: infrastructure faults on real PostgreSQL and a real Mosquitto, while data
// providers keep sending. The hub runs as its own process (`obshub serve`), as in production: it is
// killed with SIGKILL mid-ingest and started again; its broker goes away for a while and comes back on the
// same port; its database connections are cut, then stalled (accepted, nothing forwarded, no reset) through
// a TCP proxy, then healed. Each fault counts the observations acknowledged (answered 200), lost (missing
// from the database at the end) and announced (their WIS2 notification reached a subscriber), and asserts
// 0 lost, all announced, and no answer other than 200 or a 503 problem. Sizes follow RELIABILITY_SCALE.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { databaseKind } from '../support/database.js';
import { provisionedDatabase } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';
import { Mosquitto } from '../support/mosquitto.js';
import { subscribe, testTopics, uniqueId, type Subscriber } from '../support/mqtt.js';
import { freePort } from '../support/net.js';
import { serveObshub, type ServingObshub } from '../support/process.js';
import { recordFigures, scale, sized, waitUntil, type FaultFigures } from '../support/reliability.js';
import { TcpProxy } from '../support/tcpProxy.js';

const SIZE = {
  /** Observations acknowledged between two steps of a fault. */
  phase: sized({ suite: 500, small: 500, full: 5_000 }),
  kills: sized({ suite: 1, small: 1, full: 3 }),
  brokerDownMs: sized({ suite: 10_000, small: 10_000, full: 30_000 }),
  cutMs: sized({ suite: 5_000, small: 5_000, full: 15_000 }),
  stallMs: sized({ suite: 15_000, small: 15_000, full: 30_000 }),
};
const WORKERS = 4;
const BATCH = 50;
/** Platforms the loader cycles through; each observation is one (platform, minute). */
const PLATFORMS = 500;
/** How long the announcements of everything acknowledged may take to arrive once the fault is over. */
const DRAIN_MS = 180_000;

/** `0-20000-0-R…|epoch ms`: the identity of one observation. */
type Key = string;

function keyOfDataId(dataId: string): Key | undefined {
  // …/{platform}/{naming_authority}/{parameter_name}/{20260901T120000Z}
  const parts = dataId.split('/');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(parts.at(-1) ?? '');
  if (!m) return undefined;
  return `${parts.at(-4)}|${Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)}`;
}

/** Data providers sending batches of new observations, counting what the hub acknowledged. */
class Loader {
  readonly acked = new Set<Key>();
  /** Requests without an acknowledgement: 503 problems, no answer (connection refused, reset, time-out). */
  refused = 0;
  noAnswer = 0;
  /** Answers that must never happen (500, any other status, a 503 without a problem body). */
  readonly unexpected: string[] = [];
  private next = 0;
  private running = false;
  private workers: Promise<void>[] = [];
  private readonly base = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  private readonly run = String(1000 + Math.floor(Math.random() * 9000));

  constructor(
    private readonly url: () => string,
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
  ) {}

  start(): void {
    this.running = true;
    this.workers = Array.from({ length: WORKERS }, () => this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private batch(): { body: string; keys: Key[] } {
    const messages = [];
    const keys: Key[] = [];
    for (let k = 0; k < BATCH; k++) {
      const i = this.next++;
      const platform = `0-20000-0-${this.run}${String(i % PLATFORMS).padStart(3, '0')}`;
      const time = this.base - Math.floor(i / PLATFORMS) * 60_000;
      messages.push(esohMessage({ platform, datetime: new Date(time).toISOString(), value: String(i % 40) }));
      keys.push(`${platform}|${time}`);
    }
    return { body: JSON.stringify(messages), keys };
  }

  private async work(): Promise<void> {
    while (this.running) {
      const { body, keys } = this.batch();
      let answered = false;
      try {
        const res = await fetch(`${this.url()}/ingest/json`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await res.text();
        answered = true;
        if (res.status === 200) {
          for (const key of keys) this.acked.add(key);
          continue;
        }
        this.refused++;
        const problem = res.headers.get('content-type')?.startsWith('application/problem+json');
        if (res.status !== 503 || !problem) this.unexpected.push(`${res.status} ${text.slice(0, 300)}`);
      } catch {
        if (!answered) this.noAnswer++;
      }
      // Nothing acknowledged: the hub is away or refusing; look again in a moment, as a provider would.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** What happened when, for the report of a failure. */
const events: string[] = [];

/** A WIS2 subscriber that keeps its session across broker restarts (clean: false, QoS 1). */
async function announcements(url: string, centre: string): Promise<Subscriber & { keys: Set<Key> }> {
  const sub = await subscribe(url, [`origin/a/wis2/${centre}/data/#`], {
    clientId: `obshub-reliability-${uniqueId()}`,
    clean: false,
    reconnectPeriod: 500,
  });
  // Kept up to date as messages arrive: the test polls it, and must not hold up the MQTT client (whose
  // keepalive would lapse) by recounting every message on each poll.
  const keys = new Set<Key>();
  sub.client.on('message', () => {
    const key = keyOfDataId(String(sub.messages.at(-1)?.json?.properties?.data_id ?? ''));
    if (key) keys.add(key);
  });
  let closed = false;
  sub.client.on('connect', (p) => {
    closed = false;
    events.push(
      `${Date.now()} subscriber connected (session present: ${p.sessionPresent}), ${keys.size} announced`,
    );
  });
  sub.client.on('close', () => {
    if (!closed) events.push(`${Date.now()} subscriber disconnected, ${keys.size} announced`);
    closed = true;
  });
  return Object.assign(sub, { keys });
}

/** The observations in the database, and how many still wait in the outbox to be announced. */
async function stored(databaseUrl: string): Promise<{ keys: Set<Key>; outbox: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ platform: string; ms: string }>(
      `SELECT ts.platform, (extract(epoch FROM o.obstime) * 1000)::bigint AS ms
         FROM observation o JOIN time_series ts ON ts.id = o.ts_id`,
    );
    const outbox = await client.query<{ n: string }>('SELECT count(*) AS n FROM outbox');
    return { keys: new Set(rows.map((r) => `${r.platform}|${r.ms}`)), outbox: Number(outbox.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** `obshub serve` as its own process, answering once it logged its start line (bounded). */
function startHub(env: Record<string, string>): Promise<ServingObshub> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    serveObshub(env),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('obshub serve did not start within 180 s')), 180_000);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Waits until every acknowledged observation was announced (bounded), then counts. */
async function settle(
  fault: string,
  started: number,
  loader: Loader,
  sub: Awaited<ReturnType<typeof announcements>>,
  databaseUrl: string,
): Promise<FaultFigures> {
  await loader.stop();
  const unannounced = () => [...loader.acked].filter((k) => !sub.keys.has(k)).length;
  await waitUntil(() => unannounced() === 0, `announcements (${unannounced()} missing)`, DRAIN_MS, 500).catch(
    () => undefined, // counted below
  );
  const database = await stored(databaseUrl);
  const announced = sub.keys;
  const figures: FaultFigures = {
    database: databaseKind,
    fault,
    acknowledged: loader.acked.size,
    lost: [...loader.acked].filter((k) => !database.keys.has(k)).length,
    announced: [...loader.acked].filter((k) => announced.has(k)).length,
    refused: loader.refused + loader.noAnswer,
    unexpected: loader.unexpected.length,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  console.log(
    `${fault}: ${JSON.stringify({ ...figures, outboxLeft: database.outbox, mqttMessages: sub.messages.length })}`,
  );
  return figures;
}

function assertFigures(figures: FaultFigures, loader: Loader): void {
  if (figures.announced !== figures.acknowledged) console.log(events.join('\n'));
  assert.deepEqual(loader.unexpected.slice(0, 10), [], 'answers other than 200 or a 503 problem');
  assert.ok(figures.acknowledged >= SIZE.phase, `only ${figures.acknowledged} acknowledged`);
  assert.equal(figures.lost, 0, 'acknowledged observations lost');
  assert.equal(figures.announced, figures.acknowledged, 'acknowledged observations not announced');
}

describe(
  `infrastructure faults (${databaseKind}, ${scale})`,
  {
    skip:
      databaseKind !== 'postgres' &&
      'the fault tests need PostgreSQL: set DATABASE_URL (npm run test:reliability:ci, .ci/run does)',
  },
  () => {
    let broker: Mosquitto;
    before(async () => {
      broker = await new Mosquitto().start();
    });
    after(() => broker?.remove());

    /** A provisioned database, topics of its own, and the environment of a hub process using both. */
    async function setup(extra: Record<string, string> = {}) {
      const { db, apiKey, env } = await provisionedDatabase();
      const topics = testTopics();
      const port = await freePort();
      const hubEnv = {
        ...env,
        ...topics.env,
        PORT: String(port),
        MQTT_URL: broker.url,
        ESOH_TOPICS_PUBLISH: 'off',
        RATE_LIMITS: 'off',
        LOG_LEVEL: 'info', // the start line that serveObshub waits for is at info
        ...extra,
      };
      const sub = await announcements(broker.url, topics.centre);
      return { db, apiKey, hubEnv, sub, url: `http://127.0.0.1:${port}` };
    }

    it(`kill -9 mid-ingest (${SIZE.kills}×), restart: nothing acknowledged lost, everything announced`, async () => {
      const { db, apiKey, hubEnv, sub, url } = await setup();
      const started = performance.now();
      let hub: ServingObshub | undefined = await startHub(hubEnv);
      const loader = new Loader(() => url, apiKey);
      try {
        loader.start();
        for (let k = 1; k <= SIZE.kills; k++) {
          await waitUntil(
            () => loader.acked.size >= k * SIZE.phase,
            `${k * SIZE.phase} acknowledged`,
            300_000,
          );
          await hub.stop('SIGKILL');
          hub = undefined;
          hub = await startHub(hubEnv);
        }
        const target = loader.acked.size + SIZE.phase;
        await waitUntil(() => loader.acked.size >= target, `${target} acknowledged`, 300_000);
        const figures = await settle(`${SIZE.kills} × kill -9`, started, loader, sub, db.databaseUrl!);
        recordFigures({ fault: ['kill', figures] });
        assertFigures(figures, loader);
      } finally {
        await loader.stop();
        await hub?.stop();
        await sub.close();
        await db.drop();
      }
    });

    it(`broker down ${SIZE.brokerDownMs / 1000} s: everything acknowledged announced once it is back`, async () => {
      const { db, apiKey, hubEnv, sub, url } = await setup();
      const started = performance.now();
      const hub = await startHub(hubEnv);
      const loader = new Loader(() => url, apiKey);
      try {
        loader.start();
        await waitUntil(() => loader.acked.size >= SIZE.phase, 'acknowledgements', 300_000);
        await broker.stop();
        events.push(`${Date.now()} broker stopped, ${loader.acked.size} acknowledged`);
        const down = Date.now();
        const before = loader.acked.size;
        // The broker stays away for its time; ingest goes on meanwhile and must keep acknowledging.
        await waitUntil(
          () => Date.now() - down >= SIZE.brokerDownMs && loader.acked.size > before,
          'the outage to last and ingest to go on',
          SIZE.brokerDownMs + 120_000,
          200,
        );
        const duringOutage = loader.acked.size - before;
        await broker.start();
        events.push(`${Date.now()} broker started, ${loader.acked.size} acknowledged`);
        const target = loader.acked.size + SIZE.phase;
        await waitUntil(() => loader.acked.size >= target, `${target} acknowledged`, 300_000);
        const figures = await settle(
          `broker down ${SIZE.brokerDownMs / 1000} s`,
          started,
          loader,
          sub,
          db.databaseUrl!,
        );
        recordFigures({ fault: ['broker', { ...figures, acknowledgedDuringFault: duringOutage }] });
        assert.ok(duringOutage > 0, 'ingest acknowledged while the broker was away');
        assertFigures(figures, loader);
      } finally {
        await loader.stop();
        await hub.stop();
        await sub.close();
        await db.drop();
      }
    });

    it(
      `database connections cut ${SIZE.cutMs / 1000} s, then stalled ${SIZE.stallMs / 1000} s: 503s, ` +
        'queries recover, nothing acknowledged lost or unannounced',
      async () => {
        const target = new URL(process.env.DATABASE_URL!);
        const proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).open();
        const { db, apiKey, hubEnv, sub, url } = await setup({
          DATABASE_TIMEOUT: 'PT5S',
          QUERY_TIMEOUT: 'PT5S',
        });
        const started = performance.now();
        const hub = await startHub({ ...hubEnv, DATABASE_URL: proxy.route(db.databaseUrl!) });
        const loader = new Loader(() => url, apiKey);
        const queries: Record<string, number> = {};
        const badQueries: string[] = [];
        const query = async () => {
          try {
            const res = await fetch(`${url}/collections/observations/locations`, {
              signal: AbortSignal.timeout(30_000),
            });
            const text = await res.text();
            queries[res.status] = (queries[res.status] ?? 0) + 1;
            const problem = res.headers.get('content-type')?.startsWith('application/problem+json');
            if (res.status !== 200 && !(res.status === 503 && problem)) {
              badQueries.push(`${res.status} ${text.slice(0, 300)}`);
            }
            return res.status;
          } catch {
            queries['no answer'] = (queries['no answer'] ?? 0) + 1;
            return 0;
          }
        };
        try {
          loader.start();
          await waitUntil(() => loader.acked.size >= SIZE.phase, 'acknowledgements', 300_000);
          const ackedBefore = loader.acked.size;
          proxy.cut();
          const cutAt = Date.now();
          await waitUntil(
            async () => (await query()) !== 200 && Date.now() - cutAt >= SIZE.cutMs,
            'the cut',
            120_000,
            500,
          );
          proxy.stall();
          const stallAt = Date.now();
          await waitUntil(
            async () => (await query()) !== 200 && Date.now() - stallAt >= SIZE.stallMs,
            'the stall',
            180_000,
            500,
          );
          const ackedDuringFault = loader.acked.size - ackedBefore;
          proxy.heal();
          await waitUntil(async () => (await query()) === 200, 'queries to recover', 120_000, 500);
          const goal = loader.acked.size + SIZE.phase;
          await waitUntil(() => loader.acked.size >= goal, `${goal} acknowledged`, 300_000);
          const figures = await settle(
            `database cut ${SIZE.cutMs / 1000} s + stalled ${SIZE.stallMs / 1000} s`,
            started,
            loader,
            sub,
            db.databaseUrl!,
          );
          recordFigures({
            fault: ['database', { ...figures, acknowledgedDuringFault: ackedDuringFault, queries }],
          });
          console.log(
            `queries: ${JSON.stringify(queries)}; ingest refused ${loader.refused}, unanswered ${loader.noAnswer}`,
          );
          assert.deepEqual(badQueries.slice(0, 10), [], 'queries answered other than 200 or a 503 problem');
          assert.ok(loader.refused > 0, 'ingest answered 503 while the database was away');
          assertFigures(figures, loader);
        } finally {
          await loader.stop();
          await hub.stop();
          await sub.close();
          await proxy.close();
          await db.drop();
        }
      },
    );
  },
);
