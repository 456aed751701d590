// The OGC API - Records collection of discovery metadata: its document, served at
// /collections/discovery-metadata and listed in /collections next to the observations.
import type { DatasetRecord } from './record.js';

export const RECORDS_COLLECTION_ID = 'discovery-metadata';

const GEOJSON = 'application/geo+json';

export function recordsCollectionUrl(publicUrl: string): string {
  return `${publicUrl}/collections/${RECORDS_COLLECTION_ID}`;
}

export function recordsCollection(publicUrl: string, record: DatasetRecord): Record<string, unknown> {
  const base = recordsCollectionUrl(publicUrl);
  return {
    id: RECORDS_COLLECTION_ID,
    title: 'Discovery metadata',
    description: 'WCMP2 discovery metadata records of the datasets this hub serves',
    itemType: 'record',
    type: 'catalog',
    links: [
      { rel: 'self', href: base, type: 'application/json', title: 'This collection' },
      { rel: 'items', href: `${base}/items`, type: GEOJSON, title: 'The records' },
    ],
    extent: {
      spatial: {
        bbox: [
          record.geometry
            ? [...record.geometry.coordinates[0]![0]!, ...record.geometry.coordinates[0]![2]!]
            : [-180, -90, 180, 90],
        ],
        crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
      },
      temporal: { interval: [record.time ? [record.time.interval[0], null] : [null, null]] },
    },
  };
}
