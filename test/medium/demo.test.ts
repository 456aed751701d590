// The demo feed plays valid observations through the real ingest service, in small batches, and its links
// lead to pages of the hub that exist; in a deployment, one jobs process plays it. (Its climate, stations
// and weather: test/unit/demo.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { DEMO_NAMING_AUTHORITY, demoMessages, demoStations, startDemoFeed } from '../../src/demo/index.js';
import type { Hub } from '../../src/hub.js';
import { databaseKind, testDatabase, type TestDatabase } from '../support/database.js';
import { openHub, startTestHub, type TestHub } from '../support/hub.js';
import { storedCounts } from '../support/queries.js';
import { waitUntil } from '../support/reliability.js';

describe('demo feed', () => {
  let hub: TestHub;
  before(async () => {
    // DEMO on: the hub creates the demo organisation, owner of the feed's naming authority.
    hub = await startTestHub({ DEMO: 'on' });
  });
  after(() => hub.stop());

  it('is deterministic and reports every station at its cadence', () => {
    const stations = demoStations(300);
    assert.equal(stations.length, 300);
    assert.deepEqual(demoStations(300), stations);
    const t = Date.UTC(2026, 0, 1, 12, 0); // a whole ten minutes: every station reports
    const messages = demoMessages(stations, t, hub.config.publicUrl) as any[];
    assert.equal(messages.length, 300 * 6);
    assert.deepEqual(demoMessages(stations, t, hub.config.publicUrl), messages);
    assert.ok(messages.every((m) => m.properties.naming_authority === DEMO_NAMING_AUTHORITY));
  });

  it('backfills through the ingest path, at most 300 messages at a time, letting the event loop turn', async () => {
    const ingest = mock.method(hub.ingest, 'ingest');
    let total = 0;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const feed = startDemoFeed({
        ingest: hub.ingest,
        log: pino({ level: 'silent' }),
        publicUrl: hub.config.publicUrl,
        stations: 60,
        backfillMinutes: 10,
      });
      await feed.backfilled;
      clearInterval(timer);
      await feed.stop();
      // The event loop turned between batches: a timer ran.
      assert.ok(ticks >= 3, `a 1 ms timer ran ${ticks} times during the backfill`);
      const sizes = ingest.mock.calls.map((call) => (call.arguments[1] as unknown[]).length);
      // 11 minutes of 60 stations, some reporting every minute, all at the ten-minute mark: well over
      // 300 messages, stored in batches of at most 300, filled across minutes.
      total = sizes.reduce((a, b) => a + b, 0);
      assert.ok(total > 600, `${total} messages`);
      assert.ok(Math.max(...sizes) <= 300, `batches of ${Math.max(...sizes)}`);
      assert.equal(sizes.length, Math.ceil(total / 300), `${sizes.join(', ')}`);
    } finally {
      ingest.mock.restore();
    }
    const counts = await storedCounts(hub.storage);
    assert.equal(counts.stations, 60);
    assert.equal(counts.series, 60 * 6);
    assert.equal(counts.observations, total);
  });

  it('links every message to the station in this hub, which answers', async () => {
    const [message] = demoMessages(
      demoStations(60),
      Date.UTC(2026, 0, 1, 12, 0),
      hub.config.publicUrl,
    ) as any[];
    const href: string = message.links[0].href;
    assert.ok(href.startsWith(`${hub.config.publicUrl}/`), href);
    const res = await hub.app.inject(href.slice(hub.config.publicUrl.length));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().type, 'Coverage');
  });
});

describe(
  `the demo feed in a deployment of several jobs processes (${databaseKind})`,
  { skip: databaseKind !== 'postgres' && 'needs two processes on one database (PostgreSQL)' },
  () => {
    let db: TestDatabase;
    const hubs: Hub[] = [];
    before(async () => {
      db = await testDatabase();
    });
    after(async () => {
      await Promise.all(hubs.map((h) => h.close()));
      await db.drop();
    });

    /** A jobs process with DEMO=on on the shared database, listening (the feed starts once it listens). */
    const startJobs = async () => {
      const hub = await openHub(db, { SERVICES: 'jobs', DEMO: 'on' });
      hubs.push(hub);
      await hub.listen();
      return hub;
    };
    /** The sessions of the demo feed's lock: whether each holds it, and whether it is between checks. */
    const lockSessions = async () => {
      const client = new pg.Client({ connectionString: db.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number; idle: boolean; holds: boolean }>(
          `SELECT a.pid, a.state = 'idle' AS idle, EXISTS (
             SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
           ) AS holds
           FROM pg_stat_activity a
           WHERE a.datname = current_database() AND a.application_name = 'obshub demo feed lock'`,
        );
        return rows;
      } finally {
        await client.end();
      }
    };
    /** Which of the hubs plays the feed; never two at once. */
    const players = () => {
      const playing = hubs.filter((h) => h.demo);
      assert.ok(playing.length <= 1, 'two processes play the demo feed');
      return playing;
    };
    /** Waits until exactly one hub plays, every running hub has checked the lock, and one session holds it. */
    const oneLeader = async (running: readonly Hub[]) => {
      await waitUntil(async () => {
        const sessions = await lockSessions();
        return (
          players().length === 1 &&
          sessions.length === running.length &&
          sessions.every((s) => s.idle) &&
          sessions.filter((s) => s.holds).length === 1
        );
      }, 'one jobs process playing the demo feed, the other waiting');
      return players()[0]!;
    };

    it('is played by one jobs process; another takes over when it loses its lock or stops', async () => {
      const a = await startJobs();
      const b = await startJobs();
      const first = await oneLeader([a, b]);
      const other = first === a ? b : a;
      assert.equal(other.demo, undefined);

      // The holder's session dies (as when its process is killed): it stops playing, and one plays again.
      const client = new pg.Client({ connectionString: db.databaseUrl });
      await client.connect();
      try {
        const [holder] = (await lockSessions()).filter((s) => s.holds);
        await client.query('SELECT pg_terminate_backend($1)', [holder!.pid]);
      } finally {
        await client.end();
      }
      await waitUntil(() => first.demo === undefined, 'the process that lost its lock to stop playing');
      const second = await oneLeader([a, b]);

      // The player stops: the other takes over.
      hubs.splice(hubs.indexOf(second), 1);
      await second.close();
      const survivor = hubs[0]!;
      await waitUntil(() => survivor.demo !== undefined, 'the other jobs process to take the demo feed over');
      await oneLeader([survivor]);
    });
  },
);
