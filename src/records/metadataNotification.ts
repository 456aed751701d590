// The WIS2 notification that announces a new or changed WCMP2 record, on origin/a/wis2/{centre-id}/metadata.
import { randomUUID } from 'node:crypto';
import { formatUtc } from '../core/datetime.js';
import { recordUrl, type DatasetRecord } from './record.js';

export function metadataNotification(
  record: DatasetRecord,
  options: { centreId: string; publicUrl: string; update: boolean; pubtimeMs?: number; uuid?: string },
): Record<string, unknown> {
  const body = JSON.stringify(record);
  return {
    id: options.uuid ?? randomUUID(),
    conformsTo: ['http://wis.wmo.int/spec/wnm/1/conf/core'],
    type: 'Feature',
    geometry: record.geometry,
    properties: {
      data_id: `${options.centreId}/metadata/${record.id}`,
      metadata_id: record.id,
      pubtime: formatUtc(options.pubtimeMs ?? Date.now()),
      datetime: record.properties.updated,
    },
    links: [
      {
        rel: options.update ? 'update' : 'canonical',
        href: recordUrl(options.publicUrl, record.id),
        type: 'application/geo+json',
        length: Buffer.byteLength(body),
      },
    ],
  };
}
