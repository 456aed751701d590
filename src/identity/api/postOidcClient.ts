// POST /api/v1/oidc-clients: registers a client-credentials client of an organisation; the secret is in
// this answer only.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { publicOidcClient, type OidcClientService } from '../oidcClients.js';
import { OidcClientBody, problemResponses } from './oidcClientSchemas.js';
import { CredentialScope } from './schemas.js';

const NewClient = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    orgId: Type.Optional(Type.String({ description: "default: the caller's organisation" })),
    scopes: Type.Optional(
      Type.Array(CredentialScope, { minItems: 1, description: 'default: ingest and read' }),
    ),
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
      const body = request.body as Static<typeof NewClient>;
      const { client, clientSecret } = await service.create(request.principal, body, request.ip);
      return reply.code(201).send({ ...publicOidcClient(client), clientSecret });
    },
  );
}
