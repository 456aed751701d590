// POST /api/v1/users/{id}/password: an admin sets a new password (and lifts a lockout).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { IdParams, NoContent, personSecurity, responses } from './schemas.js';

const Body = Type.Object({ password: Type.String({ minLength: 12, maxLength: 1024 }) });

export function postUserPassword(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/users/:id/password',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'postUserPassword',
        summary: "Reset a user's password",
        description: 'Sets a new password and lifts a lockout after failed sign-ins.',
        tags: ['users'],
        security: personSecurity,
        params: IdParams,
        body: Body,
        response: responses({ 204: NoContent }, [404]),
      },
    },
    async (request, reply) => {
      await identity.users.resetPassword(
        request.principal,
        request.params.id,
        request.body.password,
        request.ip,
      );
      return reply.code(204).send();
    },
  );
}
