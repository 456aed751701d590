// Read replicas that lag (npm run test:scale, from .ci/run): a PostgreSQL primary and a streaming replica
// (test/support/postgresCluster.ts) and a hub with the ingest and query roles reading from the replica
// (DATABASE_READ_URL, DATABASE_READ_MAX_LAG_S=2). An idle primary is no lag; with the replica's replay
// paused, what is ingested is still answered by the query API (from the primary), /ready and
// obshub_db_replica_lag_seconds show the lag; once replay resumes, reads return to the replica.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { createHub, type Hub } from '../../src/hub.js';
import type { ReplicaState } from '../../src/storage/index.js';
import { TEST_SECRET } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import {
  query,
  startReplicatedPostgres,
  tableScans,
  type ReplicatedPostgres,
} from '../support/postgresCluster.js';
import { waitUntil } from '../support/reliability.js';

const MAX_LAG_S = 2;
const PLATFORM = '0-20000-0-06260';
const PARAMETER = 'air_temperature:2.0:mean:PT1M';

describe('a read replica that lags: reads go to the primary, and back to the replica once it catches up', () => {
  let postgres: ReplicatedPostgres;
  let hub: Hub;

  before(async () => {
    postgres = await startReplicatedPostgres();
    hub = await createHub(
      loadConfig({
        DATA_DIR: path.join(postgres.root, 'data'),
        DATABASE_URL: postgres.primary.url,
        DATABASE_READ_URL: postgres.replica.url,
        DATABASE_READ_MAX_LAG_S: String(MAX_LAG_S),
        SERVICES: 'ingest,query',
        // This test is about where reads go, not about who may write or read metrics.
        ANONYMOUS_INGEST: 'on',
        METRICS_PUBLIC: 'on',
        PORT: '0',
        DEMO: 'off',
        OBSHUB_SECRET: TEST_SECRET,
      }),
      { logger: pino({ level: 'silent' }) },
    );
  });
  after(async () => {
    await hub?.close();
    postgres?.stop();
  });

  const replicaState = async (): Promise<ReplicaState> => {
    const ready = await hub.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200, ready.body);
    const replicas = ready.json().replicas as ReplicaState[];
    assert.equal(replicas.length, 1);
    return replicas[0]!;
  };
  const lagGauge = async (): Promise<number> => {
    const metrics = await hub.app.inject({ method: 'GET', url: '/metrics' });
    const line = metrics.body
      .split('\n')
      .find((l) =>
        l.startsWith(`obshub_db_replica_lag_seconds{replica="127.0.0.1:${postgres.replica.port}/postgres"}`),
      );
    assert.ok(line, 'obshub_db_replica_lag_seconds of the replica');
    return Number(line.split(' ').at(-1));
  };
  const ingest = async (datetime: string, value: string) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      payload: [esohMessage({ platform: PLATFORM, datetime, value })],
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  let asked = 0;
  /** The station's values through the query API (each time another URL: no answer kept for it serves). */
  const values = async (): Promise<number[]> => {
    const until = new Date(Date.parse(minutesAgo(-60)) + ++asked).toISOString();
    const res = await hub.app.inject({
      method: 'GET',
      url: `/collections/observations/locations/${PLATFORM}?parameter-name=${PARAMETER}&datetime=${minutesAgo(60)}/${until}`,
    });
    return res.statusCode === 200 ? (res.json().ranges[PARAMETER].values as number[]) : [];
  };
  /** Until the API answers `expected` through the replica (its table scans grow meanwhile). */
  const readFromReplica = async (expected: number[]) => {
    await waitUntil(async () => {
      const state = await replicaState();
      return state.serving && state.lagSeconds === 0;
    }, 'the replica to be current and serving');
    const before = await tableScans(postgres.replica.url);
    await waitUntil(async () => {
      assert.deepEqual(await values(), expected);
      return (await tableScans(postgres.replica.url)) > before;
    }, 'the query API to read from the replica');
  };

  it('reads from the replica while it is current, an idle primary being no lag', async () => {
    await ingest(minutesAgo(10), '1.5');
    await waitUntil(async () => (await values()).length === 1, 'the first observation in the API');
    await readFromReplica([1.5]);
    // Nothing written for longer than the allowed lag: the replica's last transaction ages, it is no lag.
    await waitUntil(async () => {
      const [row] = await query<{ age: number }>(
        postgres.replica.url,
        'SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS age',
      );
      return row!.age > MAX_LAG_S + 1;
    }, 'the primary to be idle for longer than the allowed lag');
    assert.deepEqual(await replicaState(), {
      replica: `127.0.0.1:${postgres.replica.port}/postgres`,
      lagSeconds: 0,
      serving: true,
    });
    assert.equal(await lagGauge(), 0);
  });

  it('reads from the primary while the replica lags, and from the replica again once it caught up', async () => {
    await query(postgres.replica.url, 'SELECT pg_wal_replay_pause()');
    await waitUntil(
      async () =>
        (await query<{ s: string }>(postgres.replica.url, 'SELECT pg_get_wal_replay_pause_state() AS s'))[0]!
          .s === 'paused',
      'the replica to pause its replay',
    );
    await ingest(minutesAgo(5), '2.5');
    // The new observation is answered: the replica does not have it, the primary does.
    await waitUntil(async () => (await values()).length === 2, 'the new observation in the API');
    assert.deepEqual(await values(), [1.5, 2.5]);
    const [onReplica] = await query<{ n: number }>(
      postgres.replica.url,
      'SELECT count(*)::integer AS n FROM observation WHERE value = 2.5',
    );
    assert.equal(onReplica!.n, 0, 'the paused replica does not have it');
    const lagging = await replicaState();
    assert.equal(lagging.serving, false);
    assert.ok(lagging.lagSeconds! > MAX_LAG_S, `lag ${lagging.lagSeconds} s`);
    assert.ok((await lagGauge()) > MAX_LAG_S);

    await query(postgres.replica.url, 'SELECT pg_wal_replay_resume()');
    await readFromReplica([1.5, 2.5]);
    assert.equal(await lagGauge(), 0);
  });
});
