// PUT /api/v1/me/password: a person changes their own password, proving the current one.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { NoContent, personSecurity, responses } from './schemas.js';

const Body = Type.Object({
  currentPassword: Type.String(),
  newPassword: Type.String({ minLength: 12, maxLength: 1024, description: 'At least 12 characters' }),
});

export function putMyPassword(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().put(
    '/api/v1/me/password',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'putMyPassword',
        summary: 'Change your password',
        tags: ['account'],
        security: personSecurity,
        body: Body,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await identity.users.changeOwnPassword(request.principal, currentPassword, newPassword, request.ip);
      return reply.code(204).send();
    },
  );
}
