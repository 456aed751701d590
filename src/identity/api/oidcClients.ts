// /api/v1/oidc-clients: the client-credentials clients of organisations (one route per file), as one plugin.
import type { FastifyInstance } from 'fastify';
import { rateLimitGroup } from '../../gateway/index.js';
import type { OidcClientService } from '../oidcClients.js';
import { deleteOidcClient } from './deleteOidcClient.js';
import { getOidcClients } from './getOidcClients.js';
import { postOidcClient } from './postOidcClient.js';
import { refuseUnstorableText } from './textGuard.js';

export function oidcClientRoutes(service: OidcClientService) {
  return async function oidcClients(app: FastifyInstance): Promise<void> {
    rateLimitGroup(app, 'admin');
    refuseUnstorableText(app);
    postOidcClient(app, service);
    getOidcClients(app, service);
    deleteOidcClient(app, service);
  };
}
