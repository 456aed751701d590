// MQTT 5 clients on the embedded broker. aedes 1.x speaks MQTT 3.1 and 3.1.1 and refuses MQTT 5 (CONNACK
// 0x84); its MQTT 5 line (2.0.0-beta.1) lacks the fixes of 1.2.0 (a client id such as "constructor"
// crashes it). So the protocol version in the first bytes of each connection is read here: a 3.1 or
// 3.1.1 client is handed to aedes as it came, bytes untouched; an MQTT 5 client is served through a
// translator that speaks MQTT 5 to it and MQTT 3.1.1 to aedes (mqtt5Translator.ts). Works for any duplex
// stream: TCP or WebSocket.
import { Duplex } from 'node:stream';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { Mqtt5Translator, type Step } from './mqtt5Translator.js';

type Handle = (stream: Duplex) => void;

/** aedes's own limit for the CONNECT packet of a new connection. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * The protocol version in the CONNECT packet that `bytes` start with (read from its first 14 bytes at most):
 * `undefined` while more bytes are needed, `null` when they are no CONNECT (aedes judges them).
 */
export function connectVersion(bytes: Buffer): number | null | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes[0] !== 0x10) return null;
  let pos = 1;
  for (let i = 0; ; i++) {
    // the remaining length: 1 to 4 bytes, the last without its high bit
    if (pos >= bytes.length) return undefined;
    if ((bytes[pos++]! & 0x80) === 0) break;
    if (i === 3) return null;
  }
  if (pos + 2 > bytes.length) return undefined;
  const nameLength = bytes.readUInt16BE(pos); // "MQTT", or "MQIsdp" for 3.1
  if (nameLength > 6) return null;
  pos += 2 + nameLength;
  return pos < bytes.length ? bytes[pos]! : undefined;
}

/** Wraps aedes's `handle` so that it also serves MQTT 5 clients. */
export function acceptMqtt5(handle: Handle): Handle {
  return (client) => {
    let seen = Buffer.alloc(0);
    const timer = setTimeout(() => client.destroy(), CONNECT_TIMEOUT_MS);
    const onError = () => client.destroy();
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const version = connectVersion(seen);
      if (version === undefined) return;
      clearTimeout(timer);
      client.off('data', onData);
      client.off('error', onError);
      if (version === 5) return translate(client, handle, seen);
      client.pause(); // aedes reads the bytes read so far again, then the rest
      client.unshift(seen);
      handle(client);
    };
    client.on('data', onData);
    client.on('error', onError);
    client.once('close', () => clearTimeout(timer));
  };
}

/** Connects `client` (MQTT 5, whose first bytes were `first`) to aedes through a translator. */
function translate(client: Duplex, handle: Handle, first: Buffer): void {
  const translator = new Mqtt5Translator();
  const fromClient = mqttPacket.parser();
  const fromBroker = mqttPacket.parser({ protocolVersion: 4 });
  const broker = new Duplex({
    read: () => void client.resume(),
    write(chunk: Buffer, _encoding, done) {
      fromBroker.parse(chunk);
      if (client.writableNeedDrain) client.once('drain', () => done());
      else done();
    },
    final(done) {
      client.end();
      done();
    },
    destroy(err, done) {
      client.destroy();
      done(err);
    },
  });
  const apply = (make: () => Step) => {
    try {
      const step = make();
      if (step.toClient && client.writable) client.write(step.toClient);
      if (step.toBroker && !broker.push(step.toBroker)) client.pause();
      if (step.end) client.end();
    } catch {
      client.destroy(); // a packet that cannot be written in the other version: end the connection
    }
  };
  fromClient.on('packet', (packet: Packet) => apply(() => translator.fromClient(packet)));
  fromBroker.on('packet', (packet: Packet) => apply(() => translator.fromBroker(packet)));
  fromClient.on('error', () => client.destroy());
  fromBroker.on('error', () => client.destroy());
  client.on('data', (chunk: Buffer) => fromClient.parse(chunk));
  client.on('error', () => client.destroy());
  client.on('end', () => broker.push(null));
  client.on('close', () => broker.destroy());
  handle(broker);
  fromClient.parse(first);
}
