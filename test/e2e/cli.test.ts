// The `obshub` command as a user runs it: help, configuration errors, port conflicts, migrate, serve.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestDatabase } from '../support/database.js';
import { TEST_SECRET } from '../support/hub.js';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function obshub(
  args: string[],
  env: Record<string, string> = {},
  untilStdout?: RegExp,
): Promise<Run & { kill?: () => Promise<Run> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', DEMO: 'off', ...env },
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<Run>((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (untilStdout?.test(stdout)) {
        resolve({ code: null, stdout, stderr, kill: () => (child.kill('SIGTERM'), exited) });
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    void exited.then(resolve);
  });
}

function occupyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('obshub command', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  before(async () => {
    db = await testDatabase();
    env = {
      DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, OBSHUB_SECRET: TEST_SECRET } : {}),
      MQTT_PORT: '0',
    };
  });
  after(() => db.drop());

  it('prints help for the program and each command', async () => {
    const main = await obshub(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /Usage: obshub <command>/);
    assert.match(main.stdout, /serve .*\n.*migrate/s);
    const serve = await obshub(['serve', '--help']);
    assert.equal(serve.code, 0);
    assert.match(serve.stdout, /Usage: obshub serve/);
    const migrate = await obshub(['migrate', '-h']);
    assert.match(migrate.stdout, /Usage: obshub migrate/);
    const unknown = await obshub(['fly']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown command "fly"/);
  });

  it('stops with exit 1 and names every bad setting', async () => {
    const run = await obshub(['serve'], { PORT: 'abc', RETENTION: 'forever' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /PORT: "abc" is not valid; expected a port number/);
    assert.match(run.stderr, /RETENTION: "forever" is not valid; expected an ISO 8601 duration/);
  });

  it('migrates and reports when the database is up to date', async () => {
    const run = await obshub(['migrate'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Applied \d+ migration|Database is up to date/);
    const again = await obshub(['migrate'], env);
    assert.equal(again.stdout, 'Database is up to date.\n');
  });

  it('gives a one-line error naming PORT when the HTTP port is taken', async () => {
    const { server, port } = await occupyPort();
    try {
      const run = await obshub(['serve'], { ...env, PORT: String(port) });
      assert.equal(run.code, 1);
      assert.equal(run.stderr, `obshub: port ${port} is already in use; set PORT to a free port\n`);
    } finally {
      server.close();
    }
  });

  it('gives a one-line error naming MQTT_PORT when an explicit broker port is taken', async () => {
    const { server, port } = await occupyPort();
    try {
      const run = await obshub(['serve'], { ...env, PORT: '0', MQTT_PORT: String(port) });
      assert.equal(run.code, 1);
      assert.equal(run.stderr, `obshub: port ${port} is already in use; set MQTT_PORT to a free port\n`);
    } finally {
      server.close();
    }
  });

  it('serves, logs one start line with URLs, database and broker, and stops on SIGTERM', async () => {
    const run = await obshub(['serve'], { ...env, PORT: '0' }, /obshub serving/);
    assert.ok(run.kill, run.stderr);
    const line = run.stdout.split('\n').find((l) => l.includes('obshub serving'));
    const entry = JSON.parse(line ?? '{}');
    assert.match(
      entry.msg,
      /^obshub serving http:\/\/127\.0\.0\.1:\d+ .* MQTT mqtt:\/\/127\.0\.0\.1:\d+; database: .*; broker: embedded broker/,
    );
    const health = await fetch(`${entry.url}/health`);
    assert.equal(health.status, 200);
    const stopped = await run.kill();
    assert.equal(stopped.code, 0);
  });
});
