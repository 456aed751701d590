// GET /api/v1/api-keys: the keys the caller manages (never the keys themselves, only their metadata).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicApiKey } from '../apiKeys.js';
import type { Identity } from '../identity.js';
import { ApiKey, personSecurity, responses } from './schemas.js';

const Query = Type.Object({
  orgId: Type.Optional(Type.String({ description: 'Only this organisation (platform-wide roles)' })),
});

export function getApiKeys(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/api-keys',
    {
      config: { permission: 'api-keys:manage' },
      schema: {
        operationId: 'getApiKeys',
        summary: 'API keys',
        description:
          "Platform admins see every key; org admins their organisation's; other people the keys acting for themselves. Revoked and expired keys are listed too.",
        tags: ['api-keys'],
        security: personSecurity,
        querystring: Query,
        response: responses({ 200: Type.Object({ apiKeys: Type.Array(ApiKey) }) }),
      },
    },
    async (request) => ({
      apiKeys: (await identity.apiKeys.list(request.principal, request.query)).map(publicApiKey),
    }),
  );
}
