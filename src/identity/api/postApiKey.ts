// POST /api/v1/api-keys: a new key, answered once (only its hash is stored). Org admins create service
// keys of their organisation or keys for its people; everyone else keys acting for themselves.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicApiKey } from '../apiKeys.js';
import type { Identity } from '../identity.js';
import { CredentialScope, NewApiKey, personSecurity, responses } from './schemas.js';

const Body = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['AWS De Bilt loader'] }),
  scopes: Type.Array(CredentialScope, { minItems: 1, examples: [['ingest', 'read']] }),
  orgId: Type.Optional(Type.String({ description: 'The organisation of the key; defaults to yours' })),
  userId: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description:
        'The person the key acts for (with their role); null: a service key of the organisation. Defaults to yourself, or for admins to a service key.',
    }),
  ),
  expiresAt: Type.Optional(
    Type.String({ format: 'date-time', description: 'Expiry (RFC 3339); none: never' }),
  ),
});

export function postApiKey(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/api-keys',
    {
      config: { permission: 'api-keys:manage' },
      schema: {
        operationId: 'postApiKey',
        summary: 'Create an API key',
        description:
          'The answer holds the key itself, shown once. Use it as `Authorization: Bearer <key>` or `X-API-Key: <key>`.',
        tags: ['api-keys'],
        security: personSecurity,
        body: Body,
        response: responses({ 201: NewApiKey }, [404]),
      },
    },
    async (request, reply) => {
      const { expiresAt, ...input } = request.body;
      const created = await identity.apiKeys.create(
        request.principal,
        { ...input, expiresAt: expiresAt === undefined ? null : new Date(expiresAt) },
        request.ip,
      );
      return reply.code(201).send({ ...publicApiKey(created.apiKey), key: created.key });
    },
  );
}
