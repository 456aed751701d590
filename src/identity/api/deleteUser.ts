// DELETE /api/v1/users/{id}: removes a person and the API keys acting for them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { IdParams, NoContent, personSecurity, responses } from './schemas.js';

export function deleteUser(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().delete(
    '/api/v1/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'deleteUser',
        summary: 'Delete a user',
        tags: ['users'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 204: NoContent }, [404]),
      },
    },
    async (request, reply) => {
      await identity.users.delete(request.principal, request.params.id, request.ip);
      return reply.code(204).send();
    },
  );
}
