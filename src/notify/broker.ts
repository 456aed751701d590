// The MQTT broker the hub publishes to: the embedded one (aedes, listening on MQTT_PORT, MQTT 3.1.1 and 5;
// anyone may subscribe, only the hub publishes) or an external broker reached with an MQTT client (MQTT_URL).
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import mqtt from 'mqtt';
import { acceptMqtt5 } from './mqtt5.js';

export interface Broker {
  /** Where subscribers connect, e.g. mqtt://127.0.0.1:1883 (no credentials). */
  readonly url: string;
  readonly description: string;
  /** Throws with the reason when the broker cannot accept a publication now. */
  checkReady(): void;
  publish(
    topic: string,
    payload: string | Buffer,
    options?: { qos?: 0 | 1; retain?: boolean },
  ): Promise<void>;
  close(): Promise<void>;
  /** Embedded broker only: serves an MQTT client connected through another transport (WebSocket). */
  handle?(stream: Duplex): void;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly setting: string,
  ) {
    super(`port ${port} is already in use; set ${setting} to a free port`);
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** aedes keeps its connected clients by id (a null-prototype object, untyped in its declarations). */
type ClientRegistry = Aedes & { clients: Record<string, Client | undefined> };

/**
 * Starts the embedded broker. A taken port is an error naming MQTT_PORT when the port was chosen
 * explicitly; at the default port the next free one (up to +10) is used, so a machine that already runs a
 * broker on 1883 can still start the hub with no settings.
 */
export async function startEmbeddedBroker(options: {
  host: string;
  port: number;
  portExplicit: boolean;
}): Promise<Broker & { aedes: Aedes }> {
  const aedes: Aedes = await Aedes.createBroker({
    authorizePublish: (client, _packet, callback) => {
      // Clients are subscribers only; publications come from the hub itself (client === null).
      callback(client ? new Error('publishing to this broker is reserved to obshub') : null);
    },
    // Subscribers are anonymous, so a client id proves nothing: a second connection cannot take over
    // (and disconnect) a connected client's id, which MQTT would otherwise grant to anyone who guesses it.
    // A client whose connection died half-open gets its id back once the broker notices (keepalive).
    authenticate: (client, _username, _password, callback) => {
      if ((aedes as ClientRegistry).clients[client.id]?.connected) {
        callback(Object.assign(new Error('this client id is connected already'), { returnCode: 2 }), false);
      } else callback(null, true);
    },
    // The broker's own $SYS topics name every client and its subscriptions: not for anonymous eyes.
    authorizeSubscribe: (_client, subscription, callback) => {
      if (subscription.topic.startsWith('$SYS'))
        callback(null, null); // refused in the SUBACK (0x80)
      else callback(null, subscription);
    },
  });
  // MQTT 3.1, 3.1.1 and 5 clients, on TCP and through handle() on WebSocket.
  const serve = acceptMqtt5(aedes.handle);
  const server = createServer(serve);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let port: number | undefined;
  const candidates = options.portExplicit
    ? [options.port]
    : Array.from({ length: 11 }, (_, i) => options.port + i);
  for (const candidate of candidates) {
    try {
      port = await listen(server, candidate, options.host);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  if (port === undefined) {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    throw new PortInUseError(options.port, 'MQTT_PORT');
  }
  const url = `mqtt://${options.host}:${port}`;
  return {
    aedes,
    url,
    description: `embedded broker on ${url}${port === options.port ? '' : ` (MQTT_PORT ${options.port} was taken)`}`,
    checkReady: () => {
      if (aedes.closed || !server.listening) throw new Error('the embedded MQTT broker is not listening');
    },
    publish: (topic, payload, { qos = 1, retain = false } = {}) =>
      new Promise((resolve, reject) =>
        aedes.publish({ cmd: 'publish', topic, payload, qos, retain, dup: false }, (err) =>
          err ? reject(err) : resolve(),
        ),
      ),
    handle: serve,
    // Stops accepting, disconnects the clients (aedes), ends connections that never became clients, and
    // only then waits for the server: it closes when its last connection has.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Connects to an external broker; the client reconnects on its own when the broker goes away. */
export function connectExternalBroker(url: string): Broker {
  const client = mqtt.connect(url, {
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    clientId: `obshub-${process.pid}-${Date.now()}`,
  });
  client.on('error', () => undefined); // reported through checkReady(); the client retries by itself
  const safe = new URL(url);
  safe.username = '';
  safe.password = '';
  const display = safe.toString().replace(/\/$/, '');
  return {
    url: display,
    description: `MQTT broker at ${display}`,
    checkReady: () => {
      if (!client.connected) throw new Error(`the MQTT broker at ${display} is not connected`);
    },
    publish: async (topic, payload, { qos = 1, retain = false } = {}) => {
      await client.publishAsync(topic, payload, { qos, retain });
    },
    close: () => client.endAsync(),
  };
}
