// GET /api/v1/users/{id}: one person (another organisation's people are "not found").
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { publicUser } from '../users.js';
import { IdParams, personSecurity, responses, User } from './schemas.js';

export function getUser(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'getUser',
        summary: 'One user',
        tags: ['users'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 200: User }, [404]),
      },
    },
    async (request) => publicUser(await identity.users.get(request.principal, request.params.id)),
  );
}
