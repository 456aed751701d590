// GET /api/v1/organisations: every organisation (platform-wide roles) or the caller's own.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { Organisation, personSecurity, responses } from './schemas.js';
import { publicOrganisation } from './wire.js';

export function getOrganisations(app: FastifyInstance, identity: Identity): void {
  app.get(
    '/api/v1/organisations',
    {
      config: { permission: 'organisations:read' },
      schema: {
        operationId: 'getOrganisations',
        summary: 'Organisations',
        description: 'Every organisation for platform admins and maintainers; your own for everyone else.',
        tags: ['organisations'],
        security: personSecurity,
        response: responses({ 200: Type.Object({ organisations: Type.Array(Organisation) }) }),
      },
    },
    async (request) => ({
      organisations: (await identity.organisations.list(request.principal)).map(publicOrganisation),
    }),
  );
}
