// The MQTT 5 ↔ 3.1.1 translator of the embedded broker, packet by packet, in real wire bytes (mqtt-packet),
// and how a connection's protocol version is read from its first bytes.
// The clients themselves are in test/medium/mqttClients.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { connectVersion } from '../../src/notify/mqtt5.js';
import { Mqtt5Translator } from '../../src/notify/mqtt5Translator.js';

/** The packets in `bytes`, read as MQTT `protocolVersion`. */
function read(bytes: Buffer | undefined, protocolVersion: 4 | 5): Packet[] {
  if (!bytes) return [];
  const parser = mqttPacket.parser({ protocolVersion });
  const packets: Packet[] = [];
  parser.on('packet', (p: Packet) => packets.push(p));
  parser.on('error', (err: Error) => assert.fail(err));
  parser.parse(bytes);
  return packets;
}

const connect = (properties: object = {}, clientId = 'station-watcher', clean = true): Packet => ({
  cmd: 'connect',
  protocolVersion: 5,
  clientId,
  clean,
  keepalive: 60,
  properties,
});

describe('MQTT 5 translator', () => {
  it('turns CONNECT into 3.1.1, keeping a session only when the client asks for one', () => {
    const kept = read(
      new Mqtt5Translator().fromClient(connect({ sessionExpiryInterval: 3600 }, 'a', false)).toBroker,
      4,
    );
    assert.deepEqual(
      kept.map((p) => p.cmd === 'connect' && [p.protocolVersion, p.clientId, p.clean]),
      [[4, 'a', false]],
    );
    const ends = read(new Mqtt5Translator().fromClient(connect({}, 'a', false)).toBroker, 4);
    assert.equal(ends[0]?.cmd === 'connect' && ends[0].clean, true);
  });

  it('names a client without id, and says so in CONNACK with the features it does not offer', () => {
    const t = new Mqtt5Translator();
    const [sent] = read(t.fromClient(connect({}, '')).toBroker, 4);
    const id = sent?.cmd === 'connect' ? sent.clientId : '';
    assert.match(id, /^obshub-[0-9a-f-]{36}$/);
    const [connack] = read(
      t.fromBroker({ cmd: 'connack', returnCode: 0, sessionPresent: false }).toClient,
      5,
    );
    assert.deepEqual(connack?.cmd === 'connack' && [connack.reasonCode, connack.properties], [
      0,
      {
        assignedClientIdentifier: id,
        subscriptionIdentifiersAvailable: false,
        sharedSubscriptionAvailable: false,
      },
    ]);
  });

  it('maps refusals to MQTT 5 reason codes; enhanced authentication is refused with 0x8C', () => {
    const t = new Mqtt5Translator();
    t.fromClient(connect());
    const [refused] = read(
      t.fromBroker({ cmd: 'connack', returnCode: 5, sessionPresent: false }).toClient,
      5,
    );
    assert.equal(refused?.cmd === 'connack' && refused.reasonCode, 0x87);
    const step = new Mqtt5Translator().fromClient(connect({ authenticationMethod: 'SCRAM-SHA-1' }));
    assert.equal(step.toBroker, undefined);
    assert.equal(step.end, true);
    const [connack] = read(step.toClient, 5);
    assert.equal(connack?.cmd === 'connack' && connack.reasonCode, 0x8c);
  });

  it('answers UNSUBSCRIBE with one reason code per topic', () => {
    const t = new Mqtt5Translator();
    t.fromClient(connect());
    t.fromClient({ cmd: 'unsubscribe', messageId: 9, unsubscriptions: ['a', 'b', 'c'] });
    const [unsuback] = read(t.fromBroker({ cmd: 'unsuback', messageId: 9, granted: [] }).toClient, 5);
    assert.deepEqual(unsuback?.cmd === 'unsuback' && unsuback.granted, [0, 0, 0]);
  });

  it("drops a publication above the client's Maximum Packet Size, acknowledging it to the broker", () => {
    const t = new Mqtt5Translator();
    t.fromClient(connect({ maximumPacketSize: 64 }));
    const publish = (payload: string): Packet => ({
      cmd: 'publish',
      topic: 'origin/a/wis2/x',
      payload,
      qos: 1,
      messageId: 3,
      dup: false,
      retain: false,
    });
    const small = t.fromBroker(publish('{}'));
    assert.equal(read(small.toClient, 5)[0]?.cmd, 'publish');
    const big = t.fromBroker(publish('x'.repeat(100)));
    assert.equal(big.toClient, undefined);
    assert.deepEqual(
      read(big.toBroker, 4).map((p) => [p.cmd, p.messageId]),
      [['puback', 3]],
    );
  });

  it('reads the protocol version from the first bytes of a CONNECT, however they are split', () => {
    for (const [protocolId, protocolVersion] of [
      ['MQIsdp', 3],
      ['MQTT', 4],
      ['MQTT', 5],
    ] as const) {
      const bytes = mqttPacket.generate(
        {
          cmd: 'connect',
          protocolId,
          protocolVersion,
          clientId: 'x'.repeat(300),
          clean: true,
          keepalive: 60,
        },
        { protocolVersion },
      );
      const versions = Array.from({ length: 16 }, (_, n) => connectVersion(bytes.subarray(0, n)));
      const known = versions.findIndex((v) => v !== undefined);
      assert.ok(known > 0 && known <= 14, `${protocolId} ${protocolVersion}: known after ${known} bytes`);
      assert.ok(versions.slice(known).every((v) => v === protocolVersion));
    }
    assert.equal(connectVersion(mqttPacket.generate({ cmd: 'pingreq' })), null);
    assert.equal(connectVersion(Buffer.from('GET / HTTP/1.1')), null);
  });
});
