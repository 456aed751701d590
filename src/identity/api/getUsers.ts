// GET /api/v1/users: the people of every organisation (platform admins) or of the caller's (org admins).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { publicUser } from '../users.js';
import { personSecurity, responses, User } from './schemas.js';

const Query = Type.Object({
  orgId: Type.Optional(Type.String({ description: 'Only this organisation (platform admins)' })),
});

export function getUsers(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'getUsers',
        summary: 'Users',
        description:
          'Platform admins see everyone (or one organisation with `orgId`); org admins their own organisation.',
        tags: ['users'],
        security: personSecurity,
        querystring: Query,
        response: responses({ 200: Type.Object({ users: Type.Array(User) }) }),
      },
    },
    async (request) => ({
      users: (await identity.users.list(request.principal, request.query.orgId)).map((u) => publicUser(u)),
    }),
  );
}
