// When the database goes away, ingest answers 503 (nothing accepted, so nothing lost) and recovers by
// itself when it is back. PostgreSQL only: the hub reaches it through a TCP proxy that the test cuts.
import assert from 'node:assert/strict';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { storedCounts } from '../support/queries.js';

class Proxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe(
  'database outage',
  { skip: databaseKind !== 'postgres' && 'needs DATABASE_URL (PostgreSQL)' },
  () => {
    let hub: TestHub;
    let proxy: Proxy;
    before(async () => {
      const target = new URL(process.env.DATABASE_URL!);
      proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
      await proxy.open();
      hub = await startTestHub({}, (url) => {
        const u = new URL(url);
        u.hostname = '127.0.0.1';
        u.port = String(proxy.port);
        return u.toString();
      });
    });
    after(async () => {
      await hub.stop();
      await proxy.cut();
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
      await proxy.cut();
      const during = await post('0-20000-0-00021');
      assert.equal(during.statusCode, 503);
      assert.equal(during.json().detail, 'the database cannot be reached; nothing was stored, retry later');
      assert.equal((await hub.app.inject('/ready')).statusCode, 503);
      await proxy.open();
      const afterwards = await post('0-20000-0-00022');
      assert.equal(afterwards.statusCode, 200, afterwards.body);
      const counts = await storedCounts(hub.storage);
      assert.equal(counts.observations, 2);
    });
  },
);
