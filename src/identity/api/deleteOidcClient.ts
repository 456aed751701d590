// DELETE /api/v1/oidc-clients/{id}: removes a client; its access tokens stop working at once.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { OidcClientService } from '../oidcClients.js';
import { problemResponses } from './oidcClientSchemas.js';

export function deleteOidcClient(app: FastifyInstance, service: OidcClientService): void {
  app.delete(
    '/api/v1/oidc-clients/:id',
    {
      config: { permission: 'oidc-clients:manage' },
      schema: {
        operationId: 'deleteOidcClient',
        summary: 'Delete an OIDC client',
        tags: ['identity'],
        params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
        response: { 204: Type.Null(), ...problemResponses },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await service.delete(request.principal, id, request.ip);
      return reply.code(204).send();
    },
  );
}
