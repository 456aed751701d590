// Live updates: the hub's WIS2 notifications over MQTT/WebSocket (/mqtt), delivered in batches (one per
// animation frame at most) so that a burst of thousands of observations costs one map update.
import mqtt from 'mqtt';
import { parseNotification, type LiveObservation } from './notification';

export type LiveState = 'connecting' | 'connected' | 'disconnected';

export const WIS2_DATA_TOPIC = 'origin/a/wis2/+/data/#';

export function connectLive(
  onState: (state: LiveState) => void,
  onObservations: (batch: LiveObservation[]) => void,
): () => void {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const client = mqtt.connect(`${scheme}://${window.location.host}/mqtt`, {
    reconnectPeriod: 3000,
    connectTimeout: 10_000,
    clean: true,
    // Native timers: mqtt.js's default runs them in a blob: worker, which the page's CSP forbids.
    timerVariant: 'native',
  });
  let pending: LiveObservation[] = [];
  let frame = 0;
  onState('connecting');
  client.on('connect', () => {
    onState('connected');
    client.subscribe(WIS2_DATA_TOPIC, { qos: 0 });
  });
  client.on('reconnect', () => onState('connecting'));
  client.on('offline', () => onState('disconnected'));
  client.on('close', () => onState('disconnected'));
  client.on('message', (_topic, payload) => {
    const observation = parseNotification(payload.toString());
    if (!observation) return;
    pending.push(observation);
    frame ||= window.requestAnimationFrame(() => {
      frame = 0;
      const batch = pending;
      pending = [];
      onObservations(batch);
    });
  });
  return () => {
    if (frame) window.cancelAnimationFrame(frame);
    client.end(true);
  };
}
