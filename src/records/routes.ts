// HTTP routes of the records service: E-SOH's /collections/observations/dataset and the OGC API - Records
// collection /collections/discovery-metadata (collection, items, one item).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ObshubError } from '../core/errors.js';
import { publicRoutes, rateLimitGroup } from '../gateway/index.js';
import { RECORDS_COLLECTION_ID, recordsCollectionUrl } from './collection.js';
import { recordUrl } from './record.js';
import type { RecordsService } from './service.js';

const GEOJSON = 'application/geo+json';

export function recordRoutes(service: RecordsService) {
  return async function records(app: FastifyInstance): Promise<void> {
    // Discovery metadata is public: it is how catalogues find the data (WIS2 Global Discovery Catalogues).
    publicRoutes(app);
    rateLimitGroup(app, 'query');
    const base = () => recordsCollectionUrl(service.settings.publicUrl);

    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/collections/observations/dataset',
      {
        schema: {
          operationId: 'getDatasetRecord',
          summary: 'The WCMP2 discovery metadata record of the observation dataset (as E-SOH)',
          tags: ['records'],
          hide: true,
        },
      },
      async (_request, reply) => reply.type('application/json').send(await service.record()),
    );

    app.withTypeProvider<TypeBoxTypeProvider>().get(
      `/collections/${RECORDS_COLLECTION_ID}`,
      {
        schema: {
          operationId: 'getDiscoveryMetadataCollection',
          summary: 'The OGC API - Records collection of discovery metadata (WCMP2)',
          tags: ['records'],
        },
      },
      async () => service.collection(),
    );

    app.withTypeProvider<TypeBoxTypeProvider>().get(
      `/collections/${RECORDS_COLLECTION_ID}/items`,
      {
        schema: {
          operationId: 'getDiscoveryMetadataRecords',
          summary: 'All discovery metadata records (WCMP2, GeoJSON)',
          tags: ['records'],
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })) }),
        },
      },
      async (request, reply) => {
        const { limit } = request.query;
        const records = [await service.record()].slice(0, limit ?? 10);
        return reply.type(GEOJSON).send({
          type: 'FeatureCollection',
          features: records,
          numberMatched: 1,
          numberReturned: records.length,
          links: [
            { rel: 'self', href: `${base()}/items`, type: GEOJSON },
            { rel: 'collection', href: base(), type: 'application/json' },
          ],
        });
      },
    );

    app.withTypeProvider<TypeBoxTypeProvider>().get(
      `/collections/${RECORDS_COLLECTION_ID}/items/:recordId`,
      {
        schema: {
          operationId: 'getDiscoveryMetadataRecord',
          summary: 'One discovery metadata record (WCMP2, GeoJSON)',
          tags: ['records'],
          params: Type.Object({ recordId: Type.String() }),
        },
      },
      async (request, reply) => {
        const { recordId } = request.params;
        const record = await service.record();
        if (recordId !== record.id) throw new ObshubError('NOT_FOUND', `no record with id "${recordId}"`);
        return reply.type(GEOJSON).send({
          ...record,
          links: [
            ...record.links,
            { rel: 'self', href: recordUrl(service.settings.publicUrl, record.id), type: GEOJSON },
            { rel: 'collection', href: base(), type: 'application/json' },
          ],
        });
      },
    );
  };
}
