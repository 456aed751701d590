// The wire format of /api/v1/oidc-clients, declared once.
import { Type } from 'typebox';
import { CredentialScope } from './schemas.js';

export const OidcClientBody = Type.Object(
  {
    clientId: Type.String({ description: 'client_id at the token endpoint' }),
    orgId: Type.String(),
    name: Type.String(),
    scopes: Type.Array(CredentialScope),
    createdBy: Type.String({ description: 'actor that created it' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
  },
  { additionalProperties: true },
);

export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
};
