// Service roles in one process (`SERVICES`): what each starts, what /ready lists, and what a process
// without a role does not serve. The multi-process topology is test/scale/multiprocess.e2e.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig, ConfigError } from '../../src/config/index.js';
import { parseServiceRoles, serviceRoles } from '../../src/core/roles.js';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';

describe('SERVICES and --services', () => {
  it('parses all, lists and rejects unknown roles', () => {
    assert.deepEqual(parseServiceRoles('all'), [...serviceRoles]);
    assert.deepEqual(parseServiceRoles(' relay , ingest '), ['ingest', 'relay']);
    assert.equal(parseServiceRoles('ingest,nope'), undefined);
    assert.equal(parseServiceRoles(' , '), undefined);
    assert.deepEqual(loadConfig({}).services, serviceRoles);
    assert.deepEqual(loadConfig({ SERVICES: 'ingest' }, undefined, { SERVICES: 'query,admin' }).services, [
      'query',
      'admin',
    ]);
    assert.throws(() => loadConfig({ SERVICES: 'ingester' }), ConfigError);
  });

  it('takes read replicas only with a primary', () => {
    assert.deepEqual(
      loadConfig({ DATABASE_URL: 'postgres://h/db', DATABASE_READ_URL: 'postgres://r1/db, postgres://r2/db' })
        .databaseReadUrls,
      ['postgres://r1/db', 'postgres://r2/db'],
    );
    assert.throws(
      () => loadConfig({ DATABASE_READ_URL: 'postgres://r1/db' }),
      /read replicas need DATABASE_URL/,
    );
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://h/db', DATABASE_READ_URL: 'http://x' }),
      ConfigError,
    );
  });
});

describe(`a process that runs only some roles (${databaseKind})`, () => {
  let query: TestHub;
  before(async () => {
    query = await startTestHub({ SERVICES: 'query,admin' });
  });
  after(() => query.stop());

  it('lists its roles in /ready and serves only their routes', async () => {
    const ready = await query.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json().services, ['query', 'admin']);
    assert.equal(ready.json().checks.announcements, undefined, 'no relay here');
    assert.equal(
      (await query.app.inject({ method: 'GET', url: '/collections/observations' })).statusCode,
      200,
    );
    assert.equal((await query.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    const ingest = await query.app.inject({
      method: 'POST',
      url: '/ingest/json',
      headers: { ...query.provider.headers, 'content-type': 'application/json' },
      payload: JSON.stringify([esohMessage()]),
    });
    assert.equal(ingest.statusCode, 404);
    assert.throws(() => query.relay, /does not run the relay role/);
    assert.equal(query.mqttBroker, undefined);
  });

  it('refuses a relay without a broker', async () => {
    await assert.rejects(startTestHub({ SERVICES: 'relay' }), /the relay role needs an MQTT broker/);
  });
});
