// DELETE /api/v1/users/{id}/totp: an admin turns off the 2FA of a person who lost their authenticator.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { IdParams, NoContent, personSecurity, responses } from './schemas.js';

export function deleteUserTotp(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().delete(
    '/api/v1/users/:id/totp',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'deleteUserTotp',
        summary: "Turn off a user's two-factor authentication",
        description: 'For a person who lost their authenticator; they enrol again after signing in.',
        tags: ['users'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 204: NoContent }, [404]),
      },
    },
    async (request, reply) => {
      await identity.users.disableTotp(request.principal, request.params.id, undefined, request.ip);
      return reply.code(204).send();
    },
  );
}
