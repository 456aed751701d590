// Discovery metadata: the WCMP2 record of the observation dataset, served at E-SOH's
// /collections/observations/dataset and through OGC API - Records (/collections/discovery-metadata), and
// announced on the WIS2 metadata topic when it changes.
import type { FastifyInstance } from 'fastify';
import { recordRoutes } from './routes.js';
import type { RecordsService } from './service.js';

export {
  datasetRecordId,
  datasetRecord,
  recordContent,
  DATASET_LOCAL_ID,
  type DatasetRecord,
} from './record.js';
export type { RecordSettings } from './record.js';
export { RecordsService, type RecordsServiceOptions } from './service.js';
export { metadataNotification } from './metadataNotification.js';

export function recordsPlugin(options: { service: RecordsService }) {
  return async function records(app: FastifyInstance): Promise<void> {
    await app.register(recordRoutes(options.service));
  };
}
