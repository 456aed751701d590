// POST /api/v1/users: a new person with one role; org admins create people of their own organisation.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { publicUser } from '../users.js';
import { personSecurity, responses, User, UserRole } from './schemas.js';

const Body = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 254, description: 'No spaces; an e-mail address works' }),
  displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  role: UserRole,
  orgId: Type.Optional(
    Type.String({ description: 'Required for organisation roles; defaults to your own organisation' }),
  ),
  password: Type.Optional(
    Type.String({
      minLength: 12,
      maxLength: 1024,
      description: 'Initial password; without one the person cannot sign in until an admin sets one',
    }),
  ),
});

export function postUser(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'postUser',
        summary: 'Create a user',
        description:
          'Org admins create members of their own organisation (org-admin or org-user); only platform admins give platform-wide roles.',
        tags: ['users'],
        security: personSecurity,
        body: Body,
        response: responses({ 201: User }, [404, 409]),
      },
    },
    async (request, reply) => {
      const user = await identity.users.create(request.principal, request.body, request.ip);
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(publicUser(user));
    },
  );
}
