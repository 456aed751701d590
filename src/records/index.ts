// Discovery metadata: the WCMP2 record of the observation dataset, served at E-SOH's
// /collections/observations/dataset and through OGC API - Records (/collections/discovery-metadata), and
// announced on the WIS2 metadata topic when it changes.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { BusPublisher } from '../bus/index.js';
import type { Config } from '../config/index.js';
import { dataTopic } from '../core/wis2/topics.js';
import { MQTT_WEBSOCKET_PATH } from '../notify/index.js';
import { recordRoutes } from './routes.js';
import { RecordsService, type RecordsServiceOptions } from './service.js';

export { datasetRecordId, datasetRecord, recordContent, type DatasetRecord } from './record.js';
export type { RecordSettings } from './record.js';
export { RecordsService, type RecordsServiceOptions } from './service.js';
export { metadataNotification } from './metadataNotification.js';

export function recordsPlugin(options: { service: RecordsService }) {
  return async function records(app: FastifyInstance): Promise<void> {
    await app.register(recordRoutes(options.service));
  };
}

/** The records service the configuration asks for, started (dates read, announcement scheduled). */
export function startRecords(
  config: Readonly<Config>,
  deps: {
    storage: RecordsServiceOptions['storage'];
    /** The MQTT broker's address, for the record's links; undefined when this process has no broker. */
    brokerUrl: string | undefined;
    log: Logger;
    webSocket: boolean;
    bus?: BusPublisher;
  },
): Promise<RecordsService> {
  const { storage, brokerUrl, log, webSocket, bus } = deps;
  const publicHost = new URL(config.publicUrl).hostname;
  return new RecordsService({
    storage,
    log,
    bus,
    announce: config.wis2Publish,
    settings: {
      centreId: config.wis2CentreId,
      dataPolicy: config.wis2DataPolicy,
      dataTopic: dataTopic({
        centreId: config.wis2CentreId,
        dataPolicy: config.wis2DataPolicy,
        subTopic: config.wis2Topic,
      }),
      publicUrl: config.publicUrl,
      // Subscribers reach the embedded broker at the public host name, on the port it listens on.
      brokerUrl:
        !config.wis2Publish || brokerUrl === undefined
          ? undefined
          : config.mqttUrl
            ? brokerUrl
            : `mqtt://${publicHost}:${new URL(brokerUrl).port}`,
      brokerWebSocketUrl: webSocket
        ? `${config.publicUrl.replace(/^http/, 'ws')}${MQTT_WEBSOCKET_PATH}`
        : undefined,
      organization: config.metadataContactOrganization,
      email: config.metadataContactEmail,
      retentionSeconds: config.retentionSeconds,
    },
  }).start();
}
