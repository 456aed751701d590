// POST /api/v1/oidc-clients: registers a client-credentials client of an organisation; the secret is in
// this answer only.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { publicOidcClient, type OidcClientService } from '../oidcClients.js';
import { ClientScope, OidcClientBody, problemResponses } from './oidcClientSchemas.js';

const NewClient = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    orgId: Type.Optional(Type.String({ description: "default: the caller's organisation" })),
    scopes: Type.Optional(Type.Array(ClientScope, { minItems: 1, description: 'default: ingest and read' })),
  },
  { additionalProperties: false },
);

const CreatedClient = Type.Object(
  {
    ...OidcClientBody.properties,
    clientSecret: Type.String({ description: 'shown once; store it now' }),
  },
  { additionalProperties: false },
);

export function postOidcClient(app: FastifyInstance, service: OidcClientService): void {
  app.post(
    '/api/v1/oidc-clients',
    {
      config: { permission: 'oidc-clients:manage' },
      schema: {
        operationId: 'postOidcClient',
        summary: 'Register an OIDC client (client credentials) of an organisation',
        description:
          'The client obtains access tokens at /oidc/token with grant_type=client_credentials and acts as a `service` of its organisation with its scopes. The secret is returned once.',
        tags: ['identity'],
        body: NewClient,
        response: { 201: CreatedClient, ...problemResponses },
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; orgId?: string; scopes?: ('ingest' | 'read')[] };
      const { client, clientSecret } = await service.create(request.principal, body, request.ip);
      return reply.code(201).send({ ...publicOidcClient(client), clientSecret });
    },
  );
}
