// The notification service: the MQTT broker (embedded or external), the outbox relay that announces every
// stored observation (E-SOH topics and WIS2 Notification Messages), and the rules that build them.
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { dataTopic, metadataId } from '../core/wis2/topics.js';
import type { Broker } from './broker.js';
import { OutboxRelay, type RelayOptions } from './relay.js';

export { connectExternalBroker, startEmbeddedBroker, PortInUseError, type Broker } from './broker.js';
export { OutboxRelay, type RelayCounters, type RelayOptions } from './relay.js';
export { esohBody, esohTopic, esohTopicProblem } from './esohMessage.js';
export { buildWnm, dataId, edrLink, type WnmSettings } from './wnm.js';
export { wnmProblems } from './wnmValidate.js';
export { serveMqttOverWebSocket, MQTT_WEBSOCKET_PATH } from './websocket.js';

/** Local part of the WCMP2 record id of the dataset the notifications belong to (see records/). */
export const DATASET_LOCAL_ID = 'surface-weather-observations';

/** The relay the configuration asks for, started. */
export function startRelay(
  config: Readonly<Config>,
  deps: {
    storage: RelayOptions['storage'];
    broker: Broker;
    log: Logger;
    bus?: RelayOptions['bus'];
    restrictedAuthorities?: RelayOptions['restrictedAuthorities'];
  },
): OutboxRelay {
  const topics = {
    centreId: config.wis2CentreId,
    dataPolicy: config.wis2DataPolicy,
    subTopic: config.wis2Topic,
  };
  return new OutboxRelay({
    ...deps,
    stuckAfterMs: (config.databaseTimeoutSeconds + 30) * 1000,
    esoh: config.esohTopicsPublish ? { prefix: config.mqttTopicPrefix } : null,
    wis2: config.wis2Publish
      ? {
          ...topics,
          metadataId: metadataId(config.wis2CentreId, DATASET_LOCAL_ID),
          publicUrl: config.publicUrl,
          topic: dataTopic(topics),
        }
      : null,
  }).start();
}
