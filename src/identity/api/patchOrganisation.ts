// PATCH /api/v1/organisations/{id}: renames an organisation or changes whether its members need 2FA.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { IdParams, Organisation, personSecurity, responses } from './schemas.js';
import { publicOrganisation } from './wire.js';

const Body = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    require2fa: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export function patchOrganisation(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().patch(
    '/api/v1/organisations/:id',
    {
      config: { permission: 'organisations:manage' },
      schema: {
        operationId: 'patchOrganisation',
        summary: 'Change an organisation',
        tags: ['organisations'],
        security: personSecurity,
        params: IdParams,
        body: Body,
        response: responses({ 200: Organisation }, [404]),
      },
    },
    async (request) =>
      publicOrganisation(
        await identity.organisations.update(request.principal, request.params.id, request.body, request.ip),
      ),
  );
}
