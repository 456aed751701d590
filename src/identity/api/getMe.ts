// GET /api/v1/me: the signed-in person's own account.
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { publicUser } from '../users.js';
import { personSecurity, responses, User } from './schemas.js';

export function getMe(app: FastifyInstance, identity: Identity): void {
  app.get(
    '/api/v1/me',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'getMe',
        summary: 'Your own account',
        tags: ['account'],
        security: personSecurity,
        response: responses({ 200: User }),
      },
    },
    async (request) => publicUser(await identity.users.self(request.principal)),
  );
}
