// DELETE /api/v1/organisations/{id}: removes an organisation with its users, keys and naming authorities
// (its observations stay).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { IdParams, NoContent, personSecurity, responses } from './schemas.js';

export function deleteOrganisation(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().delete(
    '/api/v1/organisations/:id',
    {
      config: { permission: 'organisations:manage' },
      schema: {
        operationId: 'deleteOrganisation',
        summary: 'Delete an organisation',
        description: 'Its users, API keys and naming authorities go with it; stored observations stay.',
        tags: ['organisations'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 204: NoContent }, [404]),
      },
    },
    async (request, reply) => {
      await identity.organisations.delete(request.principal, request.params.id, request.ip);
      return reply.code(204).send();
    },
  );
}
