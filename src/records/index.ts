// Discovery metadata: the WCMP2 record of the observation dataset, served at E-SOH's
// /collections/observations/dataset and through OGC API - Records (/collections/discovery-metadata).
import { metadataId } from '../core/wis2/topics.js';

/** Local part of the dataset's WCMP2 record id: urn:wmo:md:{centre-id}:{local-id}. */
export const DATASET_LOCAL_ID = 'surface-weather-observations';

export function datasetRecordId(centreId: string): string {
  return metadataId(centreId, DATASET_LOCAL_ID);
}
