// `obshub admin` beside a running `obshub serve`, as an operator does it: the change is visible to the
// running hub at once, audited, and kept across a restart. On the embedded database the command runs
// inside the hub (which alone holds the data directory); on PostgreSQL it writes beside it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { databaseKind, testDatabase, type TestDatabase } from '../support/database.js';
import { TEST_SECRET } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';
import { obshub, serveObshub, type ServingObshub } from '../support/process.js';

describe(`obshub admin beside a running hub (${databaseKind})`, () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let hub: ServingObshub | undefined;
  before(async () => {
    db = await testDatabase();
    env = {
      DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      OBSHUB_SECRET: TEST_SECRET,
      OBSHUB_ADMIN_PASSWORD: 'admin-password-for-tests',
      PORT: '0',
      MQTT_PORT: '0',
    };
  });
  after(async () => {
    await hub?.stop();
    await db.drop();
  });

  const ingest = (url: string, key: string) =>
    fetch(`${url}/ingest/json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([esohMessage({ namingAuthority: 'nl.knmi.running' })]),
    });

  it(
    'a second hub on the same embedded data directory stops with one line naming it',
    {
      skip: databaseKind !== 'pglite' && 'PostgreSQL is shared by design; the lock guards embedded data',
    },
    async () => {
      hub = await serveObshub(env);
      const second = await obshub(['serve'], env);
      assert.equal(second.code, 1);
      assert.match(
        second.stderr,
        new RegExp(
          `^obshub: the data directory ${db.dataDir} is in use by another obshub \\(pid ${hub.pid}\\)`,
        ),
      );
      assert.equal(second.stderr.trim().split('\n').length, 1, second.stderr);
    },
  );

  it('creates an organisation and a key that the running hub accepts at once, kept across a restart', async () => {
    hub ??= await serveObshub(env);
    const org = await obshub(
      ['admin', 'org', 'create', 'knmi-running', '--name', 'KNMI', '--authority', 'nl.knmi.running'],
      env,
    );
    assert.equal(org.code, 0, org.stderr);
    assert.equal(org.stdout, 'created organisation knmi-running\n');
    const created = await obshub(
      ['admin', 'api-key', 'create', '--org', 'knmi-running', '--scopes', 'ingest,read', '--name', 'loader'],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const key = created.stdout.trim();
    assert.match(key, /^obh_/);
    // On the embedded database the hub ran the commands itself: the key works at once. On PostgreSQL the
    // CLI wrote beside the hub, whose cache of authority owners is re-read within 5 s (REFRESH_MS).
    let status = (await ingest(hub.url, key)).status;
    for (let i = 0; databaseKind === 'postgres' && status === 403 && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await ingest(hub.url, key)).status;
    }
    assert.equal(status, 200);

    const stopped = await hub.stop();
    hub = undefined;
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stdout, /"msg":"stopped"/);

    hub = await serveObshub(env);
    assert.equal((await ingest(hub.url, key)).status, 200, 'the key still works after a restart');
    const list = await obshub(['admin', 'org', 'list'], env);
    assert.match(list.stdout, /^knmi-running\t-\tKNMI\tnl\.knmi\.running \(core\)$/m);
    const stoppedAgain = await hub.stop();
    hub = undefined;
    assert.equal(stoppedAgain.code, 0);

    const storage = await openStorage({ ...db, retentionSeconds: null });
    try {
      const actions = (await storage.audit.find({ limit: 1000 })).map((e) => `${e.action} ${e.actor}`);
      assert.ok(
        actions.some((a) => /^organisation\.create cli:/.test(a)),
        actions.join('\n'),
      );
      assert.ok(
        actions.some((a) => /^authority\.set cli:/.test(a)),
        actions.join('\n'),
      );
      assert.ok(
        actions.some((a) => /^api-key\.create cli:/.test(a)),
        actions.join('\n'),
      );
    } finally {
      await storage.close();
    }
  });
});
