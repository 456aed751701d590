// GET /api/v1/organisations/{id}/rate-limits: the request limits in force for an organisation's callers,
// and the overrides a platform admin set for it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { IdParams, OrganisationRateLimits, personSecurity, responses } from './schemas.js';
import { publicRateLimits } from './wire.js';

export function getRateLimits(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/organisations/:id/rate-limits',
    {
      config: { permission: 'organisations:read' },
      schema: {
        operationId: 'getRateLimits',
        summary: "An organisation's rate limits",
        description:
          'Per route group (ingest, query, admin): the window, the requests each caller and all callers of the organisation together may make in it, and which of them a platform admin set.',
        tags: ['organisations'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 200: OrganisationRateLimits }, [404]),
      },
    },
    async (request) => publicRateLimits(await identity.rateLimits.get(request.principal, request.params.id)),
  );
}
