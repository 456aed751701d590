// GET /api/v1/oidc-clients: the OIDC clients the caller manages (platform admins: all, or one
// organisation's with ?orgId=; org admins: their organisation's). Secrets are never listed.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicOidcClient, type OidcClientService } from '../oidcClients.js';
import { OidcClientBody, problemResponses } from './oidcClientSchemas.js';

export function getOidcClients(app: FastifyInstance, service: OidcClientService): void {
  app.get(
    '/api/v1/oidc-clients',
    {
      config: { permission: 'oidc-clients:manage' },
      schema: {
        operationId: 'getOidcClients',
        summary: 'List OIDC clients',
        tags: ['identity'],
        querystring: Type.Object({ orgId: Type.Optional(Type.String()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ clients: Type.Array(OidcClientBody) }), ...problemResponses },
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const { orgId } = request.query as { orgId?: string };
      const clients = await service.list(request.principal, { orgId });
      return { clients: clients.map(publicOidcClient) };
    },
  );
}
