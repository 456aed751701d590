// `obshub admin …` as an operator runs it, against a fresh database and without a server: an organisation
// and an API key created on the command line, then used (and revoked) on a hub opened on that database.
// Each command of a kind runs once as a real `obshub admin` process; the other commands run in this process
// through the same database opening (each process costs seconds of start-up).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { system } from '../../src/core/access.js';
import { createHub } from '../../src/hub.js';
import { openAdminContext } from '../../src/cli/admin.js';
import {
  parseAdminArgs,
  parseExpiry,
  runAdminInvocation,
  type AdminContext,
} from '../../src/identity/index.js';
import { testDatabase, type TestDatabase } from '../support/database.js';
import { TEST_SECRET } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('obshub admin', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  const admin = (...args: string[]): Promise<Result> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', MAIN, 'admin', ...args],
        { env: { PATH: process.env.PATH ?? '', ...env } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  /** Opens a hub on the CLI's database, runs `use` with it and closes it (PGlite allows one process). */
  async function withHub<T>(use: (hub: Awaited<ReturnType<typeof createHub>>) => Promise<T>): Promise<T> {
    const config = loadConfig({
      ...env,
      PORT: '0',
      DEMO: 'off',
      LOG_LEVEL: 'silent',
      OBSHUB_ADMIN_PASSWORD: 'admin-password-for-tests',
    });
    const hub = await createHub(config, { logger: pino({ level: 'silent' }) });
    try {
      return await use(hub);
    } finally {
      await hub.close();
    }
  }

  const ingest = (hub: Awaited<ReturnType<typeof createHub>>, key: string, namingAuthority: string) =>
    hub.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: { 'x-api-key': key },
      payload: [esohMessage({ namingAuthority })],
    });

  before(async () => {
    db = await testDatabase();
    env = {
      DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      OBSHUB_SECRET: TEST_SECRET,
      MQTT_PORT: '0',
    };
  });
  after(() => db.drop());

  async function runHere(args: string[], context: AdminContext): Promise<Result> {
    const result = { code: 0, stdout: '', stderr: '' };
    result.code = await runAdminInvocation(parseAdminArgs(args), context, {
      out: (t) => (result.stdout += t),
      err: (t) => (result.stderr += t),
    });
    return result;
  }

  /** Parses the admin command in this process: help and wrong arguments are answered without a database. */
  function adminHere(...args: string[]): Promise<Result> {
    assert.notEqual(parseAdminArgs(args).exit, undefined, `${args.join(' ')} would need the database`);
    return runHere(args, {} as AdminContext);
  }

  /** Admin commands in this process, on the database opened as `obshub admin` opens it without a hub. */
  async function withDatabase(use: (admin: (...args: string[]) => Promise<Result>) => Promise<void>) {
    const { context, close } = await openAdminContext(loadConfig(env));
    try {
      await use((...args) => runHere(args, context));
    } finally {
      await close();
    }
  }

  it('prints help for admin and each of its commands', async () => {
    const main = await admin('--help');
    assert.equal(main.code, 0, main.stderr);
    assert.match(main.stdout, /org create <id> --name <name>/);
    assert.match(main.stdout, /api-key create --org <id> --scopes ingest,read/);
    for (const command of [
      ['org', 'create'],
      ['org', 'list'],
      ['user', 'create'],
      ['user', 'reset-password'],
      ['api-key', 'create'],
      ['api-key', 'revoke'],
      ['oidc', 'keys'],
      ['oidc', 'rotate-keys'],
      ['oidc', 'retire-key'],
    ]) {
      const help = await adminHere(...command, '--help');
      assert.equal(help.code, 0, command.join(' '));
      assert.match(help.stdout, new RegExp(`Usage: obshub admin ${command.join(' ')}`));
    }
  });

  it('refuses wrong arguments with exit 1 and a clear message, before opening the database', async () => {
    const cases: [string[], RegExp][] = [
      [['org', 'fly'], /unknown admin command "org fly"/],
      [['org', 'create', 'acme'], /--name is required/],
      [['org', 'create', '--name', 'x'], /takes 1 argument/],
      [['org', 'list', '--colour'], /Unknown option '--colour'/],
      [['user', 'create', '--username', 'x@acme.org', '--role', 'chief'], /--role must be one of/],
      [['api-key', 'create', '--org', 'acme'], /--scopes is required/],
      [['api-key', 'create', '--org', 'acme', '--scopes', 'admin'], /comma-separated list of ingest, read/],
      [['api-key', 'create', '--org', 'acme', '--scopes', 'read', '--expires', 'soon'], /--expires "soon"/],
      [['api-key', 'create', '--org', 'acme', '--scopes', 'read', '--expires', 'PT0S'], /positive/],
    ];
    for (const [args, message] of cases) {
      const run = await adminHere(...args);
      assert.equal(run.code, 1, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
    }
    const noOrg = await admin('api-key', 'create', '--org', 'nobody', '--scopes', 'ingest');
    assert.equal(noOrg.code, 1);
    assert.equal(noOrg.stdout, '');
    assert.match(noOrg.stderr, /^obshub: organisation "nobody" does not exist\n$/);
  });

  it('parses expiry dates and durations', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseExpiry('P90D', now).toISOString(), '2026-04-01T00:00:00.000Z');
    assert.equal(parseExpiry('PT12H', now).toISOString(), '2026-01-01T12:00:00.000Z');
    assert.equal(parseExpiry('2027-01-31T00:00:00Z').toISOString(), '2027-01-31T00:00:00.000Z');
    assert.equal(parseExpiry('2027-01-31').toISOString(), '2027-01-31T00:00:00.000Z');
  });

  it('creates an organisation and a key that ingests its authority, until the key is revoked', async () => {
    const org = await admin(
      'org',
      'create',
      'acme',
      '--name',
      'Acme Meteo',
      '--authority',
      'org.acme',
      '--require-2fa',
    );
    assert.equal(org.code, 0, org.stderr);
    assert.equal(org.stdout, 'created organisation acme\n');
    await withDatabase(async (admin) => {
      const taken = await admin('org', 'create', 'other', '--name', 'Other', '--authority', 'org.acme');
      assert.equal(taken.code, 1);
      assert.match(taken.stderr, /naming authority "org.acme" belongs to organisation "acme"/);
      const list = await admin('org', 'list');
      assert.equal(list.stdout, 'acme\t2fa\tAcme Meteo\torg.acme (core)\n');
    });

    const created = await admin(
      'api-key',
      'create',
      '--org',
      'acme',
      '--scopes',
      'ingest,read',
      '--expires',
      'P30D',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^obh_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}\n$/, 'stdout is the key alone');
    const key = created.stdout.trim();
    const id = key.split('_')[1]!;

    await withHub(async (hub) => {
      assert.equal((await ingest(hub, key, 'org.acme')).statusCode, 200);
      assert.equal((await ingest(hub, key, 'nl.knmi')).statusCode, 403, 'another authority');
      const [stored] = await hub.storage.apiKeys.list({ orgId: 'acme' });
      assert.ok(stored!.expiresAt!.getTime() > Date.now() + 29 * 86_400_000);
      const events = await hub.identity.audit.find(system, { limit: 50 });
      const byCli = events.filter((e) => e.actor.startsWith('cli:'));
      assert.deepEqual(byCli.map((e) => e.action).sort(), [
        'api-key.create',
        'authority.set',
        'organisation.create',
      ]);
      assert.ok(byCli.every((e) => e.source === 'cli' && e.outcome === 'success'));
    });

    await withDatabase(async (admin) => {
      const revoked = await admin('api-key', 'revoke', id);
      assert.equal(revoked.code, 0, revoked.stderr);
    });
    await withHub(async (hub) => {
      assert.equal((await ingest(hub, key, 'org.acme')).statusCode, 401);
    });
  });

  it('creates users with a given or generated password and resets passwords', async () => {
    const generated = await admin('user', 'create', '--username', 'watch@obshub', '--role', 'maintainer');
    assert.equal(generated.code, 0, generated.stderr);
    const password = /password: (\S+)/.exec(generated.stdout)?.[1];
    assert.ok(password && password.length >= 12);
    let newPassword: string | undefined;
    await withDatabase(async (admin) => {
      const given = await admin(
        'user',
        'create',
        '--username',
        'ops@acme.org',
        '--role',
        'org-admin',
        '--org',
        'acme',
        '--password',
        'a-long-enough-password',
      );
      assert.equal(given.code, 0, given.stderr);
      assert.match(given.stdout, /^created user ops@acme.org \(.+\) with role org-admin\n$/);
      assert.equal(
        (await admin('user', 'create', '--username', 'x@acme.org', '--role', 'chief', '--org', 'acme')).code,
        1,
      );
      const reset = await admin('user', 'reset-password', 'ops@acme.org');
      newPassword = /^password: (\S+)\n$/.exec(reset.stdout)?.[1];
      assert.ok(newPassword, reset.stdout + reset.stderr);
    });

    await withHub(async (hub) => {
      const maintainer = await hub.identity.signIn.password('watch@obshub', password, '127.0.0.1');
      assert.equal(maintainer.user.role, 'maintainer');
      // acme requires 2FA: the password is right, and enrolment comes next.
      const ops = await hub.identity.signIn.password('ops@acme.org', newPassword!, '127.0.0.1');
      assert.equal(ops.next, 'enrol-totp');
      const resets = await hub.identity.audit.find(system, { action: 'password.reset', limit: 5 });
      assert.equal(resets.length, 1);
      assert.match(resets[0]!.actor, /^cli:/);
    });
  });

  it('lists, rotates and retires the OIDC signing keys, audited', async () => {
    const rotated = await admin('oidc', 'rotate-keys');
    assert.equal(rotated.code, 0, rotated.stderr);
    const kid = rotated.stdout.trim();
    await withDatabase(async (admin) => {
      const listed = await admin('oidc', 'keys');
      const kids = listed.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]);
      assert.equal(kids[0], kid, 'the new key is current');
      assert.ok(kids.length >= 2, 'the key it replaced is still published');
      const current = await admin('oidc', 'retire-key', kid);
      assert.equal(current.code, 1);
      assert.match(current.stderr, /rotate first/);
      const retired = await admin('oidc', 'retire-key', kids[1]!);
      assert.equal(retired.code, 0, retired.stderr);
      assert.ok(!(await admin('oidc', 'keys')).stdout.includes(kids[1]!));
    });
    await withHub(async (hub) => {
      for (const action of ['signing-key.rotate', 'signing-key.retire'] as const) {
        const [event] = await hub.identity.audit.find(system, { action, limit: 1 });
        assert.match(event?.actor ?? '', /^cli:/, action);
      }
    });
  });
});
