// MQTT 5 clients on the embedded broker. aedes 1.x speaks MQTT 3.1 and 3.1.1 and refuses MQTT 5 (CONNACK
// 0x84); its MQTT 5 line (2.0.0-beta.1) lacks the fixes of 1.2.0 (a client id such as "constructor"
// crashes it). So the first packet of each connection is read here: a 3.1 or 3.1.1 client is handed to
// aedes as it came, bytes untouched; an MQTT 5 client is served through a translator that speaks MQTT 5 to
// it and MQTT 3.1.1 to aedes (mqtt5Translator.ts). Works for any duplex stream: TCP or WebSocket.
import { Duplex } from 'node:stream';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { Mqtt5Translator, type Step } from './mqtt5Translator.js';

type Handle = (stream: Duplex) => void;

/** aedes's own limit for the CONNECT packet of a new connection. */
const CONNECT_TIMEOUT_MS = 30_000;

/** Wraps aedes's `handle` so that it also serves MQTT 5 clients. */
export function acceptMqtt5(handle: Handle): Handle {
  return (client) => {
    const parser = mqttPacket.parser();
    const seen: Buffer[] = [];
    /** Set once the first packet is read: aedes has the client, or the translator serves it. */
    let decided = false;
    let serve: ((packet: Packet) => void) | undefined;
    const timer = setTimeout(() => client.destroy(), CONNECT_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      if (!decided) seen.push(chunk);
      parser.parse(chunk);
    };
    const onError = () => client.destroy();
    /** Gives a 3.1/3.1.1 client (or one whose first packet aedes must judge) to aedes, bytes unread. */
    const handOver = () => {
      client.off('data', onData);
      client.off('error', onError);
      client.pause();
      client.unshift(Buffer.concat(seen));
      handle(client);
    };
    parser.on('packet', (packet: Packet) => {
      if (decided) return serve?.(packet);
      decided = true;
      clearTimeout(timer);
      if (packet.cmd !== 'connect' || packet.protocolVersion !== 5) return handOver();
      serve = translate(client, handle);
      serve(packet);
    });
    parser.on('error', () => {
      if (!decided) {
        decided = true;
        clearTimeout(timer);
        handOver();
      } else if (serve) client.destroy();
    });
    client.on('data', onData);
    client.on('error', onError);
  };
}

/** Connects `client` (MQTT 5) to aedes through a translator; returns what takes the client's packets. */
function translate(client: Duplex, handle: Handle): (packet: Packet) => void {
  const translator = new Mqtt5Translator();
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
  const apply = (step: Step) => {
    if (step.toClient && client.writable) client.write(step.toClient);
    if (step.toBroker && !broker.push(step.toBroker)) client.pause();
    if (step.end) client.end();
  };
  const guarded = (make: () => Step) => {
    try {
      apply(make());
    } catch {
      client.destroy(); // a packet that cannot be written in the other version: end the connection
    }
  };
  fromBroker.on('packet', (packet: Packet) => guarded(() => translator.fromBroker(packet)));
  fromBroker.on('error', () => client.destroy());
  client.on('end', () => broker.push(null));
  client.on('close', () => broker.destroy());
  handle(broker);
  return (packet) => guarded(() => translator.fromClient(packet));
}
