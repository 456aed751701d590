// The notification service: the MQTT broker (embedded or external), the outbox relay that announces every
// stored observation (E-SOH topics and WIS2 Notification Messages), and the rules that build them.
export { connectExternalBroker, startEmbeddedBroker, PortInUseError, type Broker } from './broker.js';
export { OutboxRelay, type RelayCounters, type RelayOptions } from './relay.js';
export { esohBody, esohTopic } from './esohMessage.js';
export { buildWnm, dataId, edrLink, type WnmSettings } from './wnm.js';
export { wnmProblems } from './wnmValidate.js';
export { serveMqttOverWebSocket, MQTT_WEBSOCKET_PATH } from './websocket.js';
