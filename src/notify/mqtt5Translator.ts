// One MQTT 5 connection as MQTT 3.1.1 for the embedded broker: packets from the client become their 3.1.1
// form for aedes, aedes's answers become MQTT 5 packets (reason codes, the properties a server must send).
// What 3.1.1 cannot carry is dropped or refused as MQTT 5 says a server without that feature must: no
// enhanced authentication (CONNACK 0x8C), no subscription identifiers (DISCONNECT 0xA1, advertised
// unavailable), no shared subscriptions (advertised unavailable), and no packet larger than the client's
// Maximum Packet Size (dropped; a QoS 1 one is acknowledged to aedes so that it is not sent again).
import { randomUUID } from 'node:crypto';
import mqttPacket, { type IConnectPacket, type Packet } from 'mqtt-packet';

/** Bytes to write to the client and to the broker, and whether to close the client afterwards. */
export interface Step {
  toClient?: Buffer;
  toBroker?: Buffer;
  end?: boolean;
}

const V4 = { protocolVersion: 4 };
const V5 = { protocolVersion: 5 };
const toClient = (packet: Packet): Step => ({ toClient: mqttPacket.generate(packet, V5) });
const toBroker = (packet: Packet): Step => ({ toBroker: mqttPacket.generate(packet, V4) });
const disconnect = (reasonCode: number): Step => ({
  ...toClient({ cmd: 'disconnect', reasonCode }),
  end: true,
});

export const REASON = {
  unspecifiedError: 0x80,
  protocolError: 0x82,
  badAuthenticationMethod: 0x8c,
  subscriptionIdentifiersNotSupported: 0xa1,
};

/** MQTT 3.1.1 CONNACK return codes and the MQTT 5 reason codes that mean the same. */
const CONNACK_REASON: Readonly<Record<number, number>> = {
  0: 0x00,
  1: 0x84, // unsupported protocol version
  2: 0x85, // client identifier not valid
  3: 0x88, // server unavailable
  4: 0x86, // bad user name or password
  5: 0x87, // not authorized
};

export class Mqtt5Translator {
  private assignedClientId: string | undefined;
  private maximumPacketSize = Infinity;
  /** Topics per UNSUBSCRIBE still waiting for aedes's UNSUBACK, which in 3.1.1 carries no reason codes. */
  private readonly unsubscribing = new Map<number, number>();

  /** A packet of the MQTT 5 client. */
  fromClient(packet: Packet): Step {
    switch (packet.cmd) {
      case 'connect':
        return this.connect(packet);
      case 'subscribe':
        if (packet.properties?.subscriptionIdentifier !== undefined)
          return disconnect(REASON.subscriptionIdentifiersNotSupported);
        return toBroker({
          cmd: 'subscribe',
          messageId: packet.messageId,
          subscriptions: packet.subscriptions.map(({ topic, qos }) => ({ topic, qos })),
        });
      case 'unsubscribe':
        this.unsubscribing.set(packet.messageId ?? 0, packet.unsubscriptions.length);
        return toBroker({
          cmd: 'unsubscribe',
          messageId: packet.messageId,
          unsubscriptions: packet.unsubscriptions,
        });
      case 'publish': {
        const { cmd, messageId, qos, dup, retain, topic, payload } = packet;
        return toBroker({ cmd, messageId, qos, dup, retain, topic, payload });
      }
      case 'puback':
      case 'pubrec':
      case 'pubrel':
      case 'pubcomp':
        return toBroker({ cmd: packet.cmd, messageId: packet.messageId });
      case 'pingreq':
        return toBroker({ cmd: 'pingreq' });
      case 'disconnect':
        return toBroker({ cmd: 'disconnect' });
      case 'auth': // no authentication method was agreed in CONNECT
      case 'connack':
      case 'suback':
      case 'unsuback':
      case 'pingresp':
        return disconnect(REASON.protocolError);
    }
  }

  /** A packet aedes sends to the client. */
  fromBroker(packet: Packet): Step {
    switch (packet.cmd) {
      case 'connack': {
        const reasonCode = CONNACK_REASON[packet.returnCode ?? 0] ?? REASON.unspecifiedError;
        return toClient({
          cmd: 'connack',
          sessionPresent: packet.sessionPresent,
          reasonCode,
          ...(reasonCode === 0 && {
            properties: {
              ...(this.assignedClientId && { assignedClientIdentifier: this.assignedClientId }),
              subscriptionIdentifiersAvailable: false,
              sharedSubscriptionAvailable: false,
            },
          }),
        });
      }
      case 'publish': {
        const { cmd, messageId, qos, dup, retain, topic, payload } = packet;
        const step = toClient({ cmd, messageId, qos, dup, retain, topic, payload });
        if (step.toClient!.length <= this.maximumPacketSize) return step;
        return qos === 1 ? toBroker({ cmd: 'puback', messageId }) : {};
      }
      case 'suback':
        return toClient({ cmd: 'suback', messageId: packet.messageId, granted: packet.granted });
      case 'unsuback': {
        const messageId = packet.messageId ?? 0;
        const topics = this.unsubscribing.get(messageId) ?? 1;
        this.unsubscribing.delete(messageId);
        return toClient({ cmd: 'unsuback', messageId, granted: new Array<number>(topics).fill(0) });
      }
      case 'puback':
      case 'pubrec':
      case 'pubrel':
      case 'pubcomp':
        return toClient({ cmd: packet.cmd, messageId: packet.messageId, reasonCode: 0 });
      case 'pingresp':
        return toClient({ cmd: 'pingresp' });
      case 'disconnect':
        return disconnect(REASON.unspecifiedError);
      case 'connect': // packets a broker never sends
      case 'subscribe':
      case 'unsubscribe':
      case 'pingreq':
      case 'auth':
        return {};
    }
  }

  private connect(packet: IConnectPacket): Step {
    const properties = packet.properties ?? {};
    if (properties.authenticationMethod !== undefined) {
      return {
        ...toClient({ cmd: 'connack', sessionPresent: false, reasonCode: REASON.badAuthenticationMethod }),
        end: true,
      };
    }
    this.maximumPacketSize = properties.maximumPacketSize ?? Infinity;
    // MQTT 5 lets the server name a client that sent no id; 3.1.1 would refuse it with a session.
    this.assignedClientId = packet.clientId === '' ? `obshub-${randomUUID()}` : undefined;
    // A session outlives the connection only when the client asks for it (Session Expiry Interval).
    const keepSession =
      !packet.clean && (properties.sessionExpiryInterval ?? 0) > 0 && !this.assignedClientId;
    const { will } = packet;
    return toBroker({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: this.assignedClientId ?? packet.clientId,
      clean: !keepSession,
      keepalive: packet.keepalive,
      username: packet.username,
      password: packet.password,
      will: will && { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain },
    });
  }
}
