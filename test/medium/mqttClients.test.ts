// MQTT 3.1.1 and MQTT 5 subscribers on the embedded broker, with real clients: mosquitto_sub (Debian's
// mosquitto-clients) on TCP and the mqtt npm client on WebSocket (/mqtt) and TCP. Each receives a valid
// WIS2 notification after an ingest; an MQTT 5 client is refused what the broker does not offer.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import mqtt, { type IConnackPacket, type IDisconnectPacket } from 'mqtt';
import { startEmbeddedBroker, wnmProblems } from '../../src/notify/index.js';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { subscribe, testTopics } from '../support/mqtt.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`MQTT 3.1.1 and 5 clients on the embedded broker (${databaseKind})`, () => {
  const topics = testTopics();
  const wis2 = `origin/a/wis2/${topics.centre}/data/#`;
  let hub: TestHub;
  let webSocketUrl: string;
  let sent = 0;
  /** Stores (and so announces) one observation. */
  const ingestOne = () =>
    hub.ingest.ingest(
      hub.provider.principal,
      [esohMessage({ datetime: minutesAgo(sent++ % 60), value: String(sent) })],
      '127.0.0.1',
    );
  const assertWnm = (payload: string) => assert.deepEqual(wnmProblems(JSON.parse(payload), payload), []);

  before(async () => {
    hub = await startTestHub(topics.env);
    webSocketUrl = `${(await hub.listen()).replace(/^http/, 'ws')}/mqtt`;
  });
  after(() => hub.stop());

  for (const version of ['mqttv5', 'mqttv311']) {
    it(`mosquitto_sub -V ${version} on TCP receives a WIS2 notification`, async () => {
      const installed = spawnSync('mosquitto_sub', ['--help']).error === undefined;
      assert.ok(
        installed,
        'mosquitto_sub is not installed: apt-get install -y mosquitto-clients (.ci/run does)',
      );
      const { port } = new URL(hub.broker.url);
      const args = [
        '-V',
        version,
        '-h',
        '127.0.0.1',
        '-p',
        port,
        '-t',
        wis2,
        '-q',
        '1',
        '-C',
        '1',
        '-W',
        '30',
      ];
      const sub = spawn('mosquitto_sub', args);
      let stdout = '';
      let stderr = '';
      sub.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      sub.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const exited = once(sub, 'exit');
      // mosquitto_sub says nothing when its subscription is in place: announce until it has received one.
      for (let i = 0; i < 60 && sub.exitCode === null; i++) {
        await ingestOne();
        await sleep(250);
      }
      const [code] = await exited;
      assert.equal(code, 0, `mosquitto_sub ${args.join(' ')}: ${stderr}`);
      assertWnm(stdout.trim());
    });
  }

  for (const protocolVersion of [5, 4] as const) {
    it(`the mqtt client with protocolVersion ${protocolVersion} on WebSocket receives a WIS2 notification`, async () => {
      const sub = await subscribe(webSocketUrl, [wis2], { protocolVersion });
      try {
        await ingestOne();
        await sub.waitFor((m) => m.length >= 1);
        assertWnm(sub.messages[0]!.payload);
      } finally {
        await sub.close();
      }
    });
  }

  it('MQTT 5 on TCP: a client without id is given one; publications and subscription identifiers are refused', async () => {
    const sub = await subscribe(hub.broker.url, [wis2], { protocolVersion: 5 });
    try {
      await ingestOne();
      await sub.waitFor((m) => m.length >= 1);
      assertWnm(sub.messages[0]!.payload);

      const nameless = mqtt.connect(hub.broker.url, { protocolVersion: 5, clientId: '', reconnectPeriod: 0 });
      const connack = await new Promise<IConnackPacket>((resolve) => nameless.once('connect', resolve));
      assert.match(connack.properties?.assignedClientIdentifier ?? '', /^obshub-/);
      await nameless.endAsync();

      const intruder = await mqtt.connectAsync(hub.broker.url, { protocolVersion: 5, reconnectPeriod: 0 });
      const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
      intruder.publish(wis2.replace('#', 'core/weather/surface-based-observations/synop'), '{}', { qos: 1 });
      await closed;
      await intruder.endAsync(true);

      const curious = await mqtt.connectAsync(hub.broker.url, { protocolVersion: 5, reconnectPeriod: 0 });
      const disconnect = new Promise<IDisconnectPacket>((resolve) => curious.once('disconnect', resolve));
      curious.subscribe(wis2, { qos: 1, properties: { subscriptionIdentifier: 7 } });
      assert.equal((await disconnect).reasonCode, 0xa1, 'Subscription Identifiers not supported');
      await curious.endAsync(true);
      assert.equal(
        sub.messages.some((m) => m.payload === '{}'),
        false,
      );
    } finally {
      await sub.close();
    }
  });

  it('client ids named like Object.prototype members, garbage and cut-short CONNECTs do no harm', async () => {
    for (const protocolVersion of [4, 5] as const) {
      for (const clientId of ['constructor', '__proto__', 'toString']) {
        const client = await mqtt.connectAsync(hub.broker.url, {
          protocolVersion,
          clientId,
          reconnectPeriod: 0,
        });
        await client.subscribeAsync('hasOwnProperty', { qos: 1 });
        await client.endAsync();
      }
    }
    // Not MQTT at all, and an MQTT 5 CONNECT cut short by the client: the connection ends, the broker stays.
    const { port } = new URL(hub.broker.url);
    for (const bytes of [
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
      Buffer.from([0x10, 0x20, 0, 4, 77, 81, 84, 84, 5]),
    ]) {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.end(bytes);
      await once(socket, 'close');
    }
    assert.equal((await hub.app.inject('/ready')).statusCode, 200);
  });
});

describe('closing the embedded broker', () => {
  it('ends with MQTT 3.1.1 and 5 subscribers and a silent connection still there', async () => {
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, portExplicit: true });
    const clients = await Promise.all(
      ([4, 5] as const).map((protocolVersion) =>
        mqtt.connectAsync(broker.url, { protocolVersion, reconnectPeriod: 0 }),
      ),
    );
    const silent = connect(Number(new URL(broker.url).port), '127.0.0.1');
    await once(silent, 'connect');
    const started = Date.now();
    await broker.close();
    assert.ok(Date.now() - started < 2000, `closed in ${Date.now() - started} ms`);
    for (const client of clients) await client.endAsync(true);
    silent.destroy();
  });
});
