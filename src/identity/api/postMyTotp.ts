// POST /api/v1/me/totp: starts TOTP enrolment; the secret and its otpauth:// URI (for a QR code) are
// shown once, and 2FA is on only after POST /api/v1/me/totp/confirm.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { personSecurity, responses } from './schemas.js';

const Enrolment = Type.Object({
  secret: Type.String({ description: 'Base32 secret for authenticator apps without a camera' }),
  uri: Type.String({ description: 'otpauth:// URI to show as a QR code' }),
});

export function postMyTotp(app: FastifyInstance, identity: Identity): void {
  app.post(
    '/api/v1/me/totp',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'postMyTotp',
        summary: 'Start two-factor enrolment',
        tags: ['account'],
        security: personSecurity,
        response: responses({ 201: Enrolment }, [409]),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await identity.users.enrolTotp(request.principal, request.ip)),
  );
}
