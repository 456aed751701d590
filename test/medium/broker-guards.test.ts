// The embedded broker's guard rails for anonymous subscribers: its $SYS topics (client ids and their
// subscriptions) are closed, and a connected client's id cannot be taken over (which MQTT would otherwise
// grant to anyone who guesses it, disconnecting its owner).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mqtt from 'mqtt';
import { startEmbeddedBroker, type Broker } from '../../src/notify/index.js';

describe('embedded broker guard rails', () => {
  let broker: Broker;
  before(async () => {
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, portExplicit: true });
  });
  after(() => broker.close());

  const connect = (clientId: string) => mqtt.connectAsync(broker.url, { clientId, reconnectPeriod: 0 });

  it('refuses subscriptions to $SYS topics', async () => {
    const client = await connect('sys-reader');
    try {
      await assert.rejects(client.subscribeAsync(['$SYS/#', 'origin/a/wis2/#']), (err: any) => {
        assert.deepEqual(err.packet.granted, [128, 0], 'SUBACK: $SYS refused, the data topic granted');
        return true;
      });
    } finally {
      await client.endAsync();
    }
  });

  it("does not let a second connection take over a connected client's id", async () => {
    const owner = await connect('owner-of-this-id');
    try {
      await assert.rejects(connect('owner-of-this-id'), /Identifier rejected|identifier/i);
      assert.equal(owner.connected, true, 'the owner keeps its connection');
      await owner.endAsync();
      const again = await connect('owner-of-this-id');
      await again.endAsync();
    } finally {
      if (owner.connected) await owner.endAsync();
    }
  });
});
