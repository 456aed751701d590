// GET /api/v1/organisations/{id}: one organisation with its naming authorities.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { IdParams, Organisation, personSecurity, responses } from './schemas.js';
import { publicOrganisation } from './wire.js';

export function getOrganisation(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/organisations/:id',
    {
      config: { permission: 'organisations:read' },
      schema: {
        operationId: 'getOrganisation',
        summary: 'One organisation',
        tags: ['organisations'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 200: Organisation }, [404]),
      },
    },
    async (request) =>
      publicOrganisation(await identity.organisations.get(request.principal, request.params.id)),
  );
}
