// POST /api/v1/me/totp/confirm: a first code from the authenticator turns 2FA on; answers the one-time
// recovery codes, shown once.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { personSecurity, responses } from './schemas.js';

const Body = Type.Object({
  code: Type.String({ description: 'The current 6-digit code', examples: ['123456'] }),
});
const Confirmed = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Each usable once instead of a code; shown once' }),
});

export function postMyTotpConfirmation(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/me/totp/confirm',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'postMyTotpConfirmation',
        summary: 'Confirm two-factor enrolment',
        tags: ['account'],
        security: personSecurity,
        body: Body,
        response: responses({ 200: Confirmed }, [409]),
      },
    },
    async (request) => ({
      recoveryCodes: await identity.users.confirmTotp(request.principal, request.body.code, request.ip),
    }),
  );
}
