// DELETE /api/v1/me/totp: a person turns their 2FA off, proving it with a current code.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ObshubError } from '../../core/errors.js';
import type { Identity } from '../identity.js';
import { NoContent, personSecurity, responses } from './schemas.js';

const Body = Type.Object({ code: Type.String({ description: 'A current 6-digit code' }) });

export function deleteMyTotp(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().delete(
    '/api/v1/me/totp',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'deleteMyTotp',
        summary: 'Turn your two-factor authentication off',
        tags: ['account'],
        security: personSecurity,
        body: Body,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { principal } = request;
      if (!principal.userId)
        throw new ObshubError('FORBIDDEN', 'only people have accounts; sign in as a user');
      await identity.users.disableTotp(principal, principal.userId, request.body.code, request.ip);
      return reply.code(204).send();
    },
  );
}
