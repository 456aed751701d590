// oidc-provider's storage adapter on our database (PGlite or PostgreSQL): every artefact is a row of
// oidc_payload; clients of organisations come from oidc_client, their secret opened from its seal.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SecretBox } from '../../core/secretBox.js';
import type { OidcClient, OidcRepository } from '../../storage/index.js';

export const CLIENT_SECRET_PURPOSE = 'oidc-client-secret';

/** The provider's view of a client-credentials client of an organisation (its scopes: provider.ts). */
export function clientMetadata(client: OidcClient, secrets: SecretBox): AdapterPayload {
  return {
    client_id: client.id,
    client_secret: secrets.open(CLIENT_SECRET_PURPOSE, client.sealedSecret),
    client_name: client.name,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

export function createAdapter(repo: OidcRepository, secrets: SecretBox) {
  return (model: string): Adapter => {
    if (model === 'Client') {
      return {
        async find(id) {
          const client = await repo.findClient(id);
          return client && clientMetadata(client, secrets);
        },
        upsert: () => Promise.reject(new Error('clients are managed through /api/v1/oidc-clients')),
        findByUid: async () => undefined,
        findByUserCode: async () => undefined,
        consume: async () => undefined,
        destroy: async () => undefined,
        revokeByGrantId: async () => undefined,
      };
    }
    return {
      upsert: (id, payload, expiresIn) => repo.upsertPayload(model, id, payload, expiresIn),
      find: (id) => repo.findPayload(model, id),
      findByUid: (uid) => repo.findPayloadBy(model, 'uid', uid),
      findByUserCode: (code) => repo.findPayloadBy(model, 'user_code', code),
      consume: (id) => repo.consumePayload(model, id),
      destroy: (id) => repo.deletePayload(model, id),
      revokeByGrantId: (grantId) => repo.deleteGrant(grantId),
    };
  };
}
