// DELETE /api/v1/api-keys/{id}: revokes a key at once (it stays listed, with revokedAt).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../identity.js';
import { IdParams, NoContent, personSecurity, responses } from './schemas.js';

export function deleteApiKey(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().delete(
    '/api/v1/api-keys/:id',
    {
      config: { permission: 'api-keys:manage' },
      schema: {
        operationId: 'deleteApiKey',
        summary: 'Revoke an API key',
        tags: ['api-keys'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 204: NoContent }, [404, 409]),
      },
    },
    async (request, reply) => {
      await identity.apiKeys.revoke(request.principal, request.params.id, request.ip);
      return reply.code(204).send();
    },
  );
}
