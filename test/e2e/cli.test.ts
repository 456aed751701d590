// The `obshub` command as a user runs it: help, version, configuration errors and misspellings, port
// conflicts, migrate, serve and its start line, and stopping through `npm start` as a supervisor does.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testDatabase, type TestDatabase } from '../support/database.js';
import { TEST_SECRET } from '../support/hub.js';
import { obshub, serveObshub, startLine } from '../support/process.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function occupyPort(port = 0): Promise<{ server: Server | undefined; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    // A port something else already holds (e.g. the machine's Mosquitto on 1883) is just as taken.
    server.once('error', () => resolve({ server: undefined, port }));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : port });
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

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

  it('prints help for the program and each command, and its version', async () => {
    const main = await obshub(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /Usage: obshub <command>/);
    assert.match(main.stdout, /serve .*\n.*migrate.*\n.*config.*\n.*admin.*\n.*load/s);
    for (const command of ['serve', 'migrate', 'config', 'admin', 'load']) {
      const help = await obshub([command, '--help']);
      assert.equal(help.code, 0, command);
      assert.match(help.stdout, new RegExp(`Usage: obshub ${command}`));
    }
    const unknown = await obshub(['fly']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^obshub: unknown command "fly"/);
    const version = await obshub(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^obshub \d+\.\d+\.\d+\n$/);
    assert.equal(version.stderr, '');
  });

  it('stops with exit 1 and names every bad setting', async () => {
    const run = await obshub(['serve'], { PORT: 'abc', RETENTION: 'forever' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /PORT: "abc" is not valid; expected a port number/);
    assert.match(run.stderr, /RETENTION: "forever" is not valid; expected an ISO 8601 duration/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('warns about environment variables that look like misspelt settings', async () => {
    const run = await obshub(['config', 'validate'], { ...env, RETENTON: 'unlimited', OBSHUB_SCRET: 'x' });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /warning: RETENTON is not an obshub setting; did you mean RETENTION\?/);
    assert.match(run.stderr, /warning: OBSHUB_SCRET is not an obshub setting; did you mean OBSHUB_SECRET\?/);
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
      server?.close();
    }
  });

  it('gives a one-line error naming MQTT_PORT when an explicit broker port is taken, even the default one', async () => {
    for (const wanted of [0, 1883]) {
      const { server, port } = await occupyPort(wanted);
      try {
        const run = await obshub(['serve'], { ...env, PORT: '0', MQTT_PORT: String(port) });
        assert.equal(run.code, 1);
        assert.equal(run.stderr, `obshub: port ${port} is already in use; set MQTT_PORT to a free port\n`);
      } finally {
        server?.close();
      }
    }
  });

  it('serves with a start line naming every URL, warns when the default MQTT port was taken, stops on SIGTERM', async () => {
    const { server } = await occupyPort(1883);
    try {
      const withDefaultMqttPort = Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'MQTT_PORT'));
      const hub = await serveObshub({ ...withDefaultMqttPort, PORT: '0' });
      const start = hub.start;
      assert.match(
        String(start.msg),
        /^obshub serving http:\/\/127\.0\.0\.1:\d+ \(web app .*\/app\/, API docs .*\/docs\) and MQTT mqtt:\/\/127\.0\.0\.1:\d+; database: .*; broker: embedded broker/,
      );
      assert.equal(start.app, `${hub.url}/app/`);
      assert.equal(start.openapi, `${hub.url}/openapi.json`);
      assert.equal(start.mqttWebSocket, `${hub.url.replace('http', 'ws')}/mqtt`);
      assert.notEqual(start.mqtt, 'mqtt://127.0.0.1:1883');
      assert.match(
        hub.output().stdout,
        /"level":40,.*MQTT port 1883 is taken.*the embedded broker listens on \d+/,
      );
      assert.equal((await fetch(`${hub.url}/health`)).status, 200);
      const stopped = await hub.stop();
      assert.equal(stopped.code, 0);
      assert.match(stopped.stdout, /"msg":"stopping".*\n.*"msg":"stopped"/s);
    } finally {
      server?.close();
    }
  });

  it('`npm start` hands SIGTERM sent to npm to the hub, which stops', async () => {
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', DEMO: 'off', LOG_FORMAT: 'json' },
    });
    let stdout = '';
    const started = new Promise<Record<string, unknown>>((resolve, reject) => {
      npm.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const fields = startLine(stdout);
        if (fields) resolve(fields);
      });
      npm.on('close', (code) => reject(new Error(`npm start exited with ${code}: ${stdout}`)));
    });
    const start = await started;
    const hubPid = Number(start.pid);
    assert.notEqual(hubPid, npm.pid, 'the hub runs in its own node process');
    const exited = new Promise((resolve) => npm.on('close', resolve));
    npm.kill('SIGTERM');
    await exited;
    assert.match(stdout, /"msg":"stopped"/);
    assert.equal(alive(hubPid), false, 'no orphaned hub');
  });
});
