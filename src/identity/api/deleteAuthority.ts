// DELETE /api/v1/organisations/{id}/authorities/{authority}: the organisation no longer owns it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { AuthorityParams, NoContent, personSecurity, responses } from './schemas.js';

export function deleteAuthority(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().delete(
    '/api/v1/organisations/:id/authorities/:authority',
    {
      config: { permission: 'organisations:manage' },
      schema: {
        operationId: 'deleteAuthority',
        summary: 'Take a naming authority from an organisation',
        tags: ['organisations'],
        security: personSecurity,
        params: AuthorityParams,
        response: responses({ 204: NoContent }, [404]),
      },
    },
    async (request, reply) => {
      const { id, authority } = request.params;
      await identity.organisations.removeAuthority(request.principal, id, authority, request.ip);
      return reply.code(204).send();
    },
  );
}
