// A PostgreSQL primary and a streaming read replica of it, made for a test in its own directory: initdb,
// then pg_basebackup -R for the replica, each on a free port of 127.0.0.1 (the Debian server's programs,
// PG_BIN; run as the postgres user when the test runs as root, since PostgreSQL refuses root).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './net.js';
import { waitUntil } from './reliability.js';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** True when the test runs as root (the PostgreSQL programs then run as the postgres user). */
export const isRoot = process.getuid?.() === 0;

function pgRun(program: string, args: string[]): void {
  const command = path.join(PG_BIN, program);
  const run = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${run.stderr}${run.stdout}`);
}

export interface Cluster {
  dir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
}

export interface ReplicatedPostgres {
  /** The directory holding both clusters, their logs and sockets; tests may put their own files there. */
  root: string;
  primary: Cluster;
  replica: Cluster;
  /** Stops both servers and removes the directory. */
  stop(): void;
}

/** One statement on its own connection. */
export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Index and sequential scans of the tables of the server at `url` so far: reads of the data (the hub's
 * lag probes read no table). A hot standby counts its own; counts are flushed within seconds.
 */
export async function tableScans(url: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    url,
    'SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)::float8 AS n FROM pg_stat_user_tables',
  );
  return row!.n;
}

/** Starts a primary and a hot standby streaming from it; resolves once the replica streams. */
export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const root = mkdtempSync(path.join(tmpdir(), 'obshub-pg-'));
  chmodSync(root, 0o777);
  const cluster = async (name: string): Promise<Cluster> => {
    const port = await freePort();
    return { dir: path.join(root, name), port, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  };
  const primary = await cluster('primary');
  const replica = await cluster('replica');
  const started: Cluster[] = [];
  const stop = () => {
    for (const c of started.reverse()) {
      try {
        pgRun('pg_ctl', ['-D', c.dir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* not running */
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  const start = (c: Cluster, name: string) => {
    const options = [
      `-p ${c.port}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${root}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
      '-c wal_level=replica',
      '-c max_wal_senders=4',
      '-c hot_standby=on',
      '-c hot_standby_feedback=on',
      '-c max_standby_streaming_delay=30s',
    ].join(' ');
    pgRun('pg_ctl', ['-D', c.dir, '-l', path.join(root, `${name}.log`), '-o', options, '-w', 'start']);
    started.push(c);
  };
  try {
    pgRun('initdb', ['-D', primary.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    start(primary, 'primary');
    // The replica: a base backup of the primary, streaming from it (-R writes standby.signal and the
    // connection to the primary).
    pgRun('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.dir],
      ...['-R', '-X', 'stream', '--no-sync'],
    ]);
    start(replica, 'replica');
    const [recovery] = await query<{ r: boolean }>(replica.url, 'SELECT pg_is_in_recovery() AS r');
    assert.equal(recovery?.r, true, 'the replica is a hot standby');
    await waitUntil(
      async () =>
        (await query<{ state: string }>(primary.url, 'SELECT state FROM pg_stat_replication')).some(
          (r) => r.state === 'streaming',
        ),
      'the replica to stream',
      30_000,
    );
  } catch (err) {
    stop();
    throw err;
  }
  return { root, primary, replica, stop };
}
