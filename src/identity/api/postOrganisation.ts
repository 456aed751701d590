// POST /api/v1/organisations: a new organisation (tenant); naming authorities are given to it afterwards.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { Organisation, OrganisationId, personSecurity, responses } from './schemas.js';
import { publicOrganisation } from './wire.js';

const Body = Type.Object({
  id: OrganisationId,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  require2fa: Type.Optional(Type.Boolean({ description: 'Members must use two-factor authentication' })),
});

export function postOrganisation(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/organisations',
    {
      config: { permission: 'organisations:manage' },
      schema: {
        operationId: 'postOrganisation',
        summary: 'Create an organisation',
        tags: ['organisations'],
        security: personSecurity,
        body: Body,
        response: responses({ 201: Organisation }, [409]),
      },
    },
    async (request, reply) => {
      const org = await identity.organisations.create(request.principal, request.body, request.ip);
      return reply
        .code(201)
        .header('location', `/api/v1/organisations/${org.id}`)
        .send(publicOrganisation(org));
    },
  );
}
