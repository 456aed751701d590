// PUT /api/v1/organisations/{id}/rate-limits: sets an organisation's rate limits in place of the
// configured ones (replacing earlier overrides; `{}` returns to the configured limits). In force at once
// on this hub, within seconds on the others.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import {
  IdParams,
  OrganisationRateLimits,
  personSecurity,
  RateLimitOverrides,
  responses,
} from './schemas.js';
import { publicRateLimits } from './wire.js';

export function putRateLimits(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().put(
    '/api/v1/organisations/:id/rate-limits',
    {
      config: { permission: 'organisations:manage' },
      schema: {
        operationId: 'putRateLimits',
        summary: "Set an organisation's rate limits",
        description:
          'Replaces the overrides of the organisation: per route group, `perCaller` and/or `perOrganisation` requests per configured window. Groups and fields left out keep the configured limits.',
        tags: ['organisations'],
        security: personSecurity,
        params: IdParams,
        body: RateLimitOverrides,
        response: responses({ 200: OrganisationRateLimits }, [404]),
      },
    },
    async (request) =>
      publicRateLimits(
        await identity.rateLimits.set(request.principal, request.params.id, request.body, request.ip),
      ),
  );
}
