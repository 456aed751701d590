// PATCH /api/v1/users/{id}: role assignment, display name, disabling; role changes are audited as such.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { publicUser } from '../users.js';
import { IdParams, personSecurity, responses, User, UserRole } from './schemas.js';

const Body = Type.Object(
  {
    role: Type.Optional(UserRole),
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    disabled: Type.Optional(
      Type.Boolean({ description: 'A disabled person cannot sign in; their keys stop working' }),
    ),
  },
  { additionalProperties: false },
);

export function patchUser(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: {
        operationId: 'patchUser',
        summary: 'Change a user',
        tags: ['users'],
        security: personSecurity,
        params: IdParams,
        body: Body,
        response: responses({ 200: User }, [404]),
      },
    },
    async (request) =>
      publicUser(await identity.users.update(request.principal, request.params.id, request.body, request.ip)),
  );
}
