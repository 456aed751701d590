// When the database goes away, ingest answers 503 (nothing accepted, so nothing lost) and recovers by
// itself when it is back. PostgreSQL only: the hub reaches it through a TCP proxy that the test cuts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { storedCounts } from '../support/queries.js';
import { TcpProxy } from '../support/tcpProxy.js';

describe(
  'database outage',
  { skip: databaseKind !== 'postgres' && 'needs DATABASE_URL (PostgreSQL)' },
  () => {
    let hub: TestHub;
    let proxy: TcpProxy;
    before(async () => {
      const target = new URL(process.env.DATABASE_URL!);
      proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).open();
      hub = await startTestHub({}, (url) => proxy.route(url));
    });
    after(async () => {
      await hub.stop();
      await proxy.close();
    });

    const post = (platform: string) =>
      hub.app.inject({
        method: 'POST',
        url: '/ingest/json',
        headers: hub.provider.headers,
        payload: [esohMessage({ platform, datetime: minutesAgo(1) })],
      });

    it('answers 503 while the database is unreachable and works again when it is back', async () => {
      assert.equal((await post('0-20000-0-00020')).statusCode, 200);
      proxy.cut();
      const during = await post('0-20000-0-00021');
      assert.equal(during.statusCode, 503);
      assert.equal(during.json().detail, 'the database cannot be reached; nothing was stored, retry later');
      assert.equal((await hub.app.inject('/ready')).statusCode, 503);
      proxy.heal();
      const afterwards = await post('0-20000-0-00022');
      assert.equal(afterwards.statusCode, 200, afterwards.body);
      const counts = await storedCounts(hub.storage);
      assert.equal(counts.observations, 2);
    });
  },
);
