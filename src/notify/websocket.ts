// MQTT over WebSocket for browsers: the embedded broker also accepts clients on the HTTP port at /mqtt
// (subprotocol "mqtt"), with the same rules as on MQTT_PORT (anyone subscribes, only the hub publishes).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Broker } from './broker.js';

export const MQTT_WEBSOCKET_PATH = '/mqtt';

/** Serves `broker` over WebSocket at /mqtt on `app`'s HTTP server; false when the broker cannot. */
export function serveMqttOverWebSocket(app: FastifyInstance, broker: Broker): boolean {
  const handle = broker.handle?.bind(broker);
  if (!handle) return false;
  const wss = new WebSocketServer({ noServer: true });
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== MQTT_WEBSOCKET_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => ws.terminate());
      handle(stream);
    });
  });
  app.addHook('onClose', async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return true;
}
