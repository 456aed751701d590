// PUT /api/v1/organisations/{id}/authorities/{authority}: gives a naming authority to an organisation (it
// then writes that authority's observations) or changes its data policy.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { AuthorityParams, DataPolicy, Organisation, personSecurity, responses } from './schemas.js';
import { publicOrganisation } from './wire.js';

export function putAuthority(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().put(
    '/api/v1/organisations/:id/authorities/:authority',
    {
      config: { permission: 'organisations:manage' },
      schema: {
        operationId: 'putAuthority',
        summary: 'Give a naming authority to an organisation',
        description:
          '`recommended` series are visible only to the organisation and platform-wide roles; `core` ones to everyone.',
        tags: ['organisations'],
        security: personSecurity,
        params: AuthorityParams,
        body: Type.Object({ dataPolicy: DataPolicy }),
        response: responses({ 200: Organisation }, [404, 409]),
      },
    },
    async (request) => {
      const { id, authority } = request.params;
      const org = await identity.organisations.setAuthority(
        request.principal,
        id,
        authority,
        request.body.dataPolicy,
        request.ip,
      );
      return publicOrganisation(org);
    },
  );
}
