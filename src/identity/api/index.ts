// The admin REST API under /api/v1: accounts, organisations and their naming authorities, users and
// roles, API keys, the audit log and the system status. One route per file; each handler turns HTTP into
// one call of the identity service with the caller's principal and address. Permissions are declared in
// each route's `config` and enforced by the gateway; the services check them again.
import type { FastifyInstance } from 'fastify';
import { rateLimitGroup } from '../../gateway/index.js';
import type { SystemStatusService } from '../../ops/index.js';
import type { Identity } from '../identity.js';
import { deleteApiKey } from './deleteApiKey.js';
import { deleteAuthority } from './deleteAuthority.js';
import { deleteMyTotp } from './deleteMyTotp.js';
import { deleteOrganisation } from './deleteOrganisation.js';
import { deleteUser } from './deleteUser.js';
import { deleteUserTotp } from './deleteUserTotp.js';
import { getApiKeys } from './getApiKeys.js';
import { getAuditEvents } from './getAuditEvents.js';
import { getMe } from './getMe.js';
import { getOrganisation } from './getOrganisation.js';
import { getOrganisations } from './getOrganisations.js';
import { getRateLimits } from './getRateLimits.js';
import { getSystem } from './getSystem.js';
import { getSystemActivity } from './getSystemActivity.js';
import { getUser } from './getUser.js';
import { getUsers } from './getUsers.js';
import { mySessions } from './mySessions.js';
import { patchOrganisation } from './patchOrganisation.js';
import { patchUser } from './patchUser.js';
import { postApiKey } from './postApiKey.js';
import { postMyTotp } from './postMyTotp.js';
import { postMyTotpConfirmation } from './postMyTotpConfirmation.js';
import { postOrganisation } from './postOrganisation.js';
import { postUser } from './postUser.js';
import { postUserPassword } from './postUserPassword.js';
import { putAuthority } from './putAuthority.js';
import { putMyPassword } from './putMyPassword.js';
import { putRateLimits } from './putRateLimits.js';
import { refuseUnstorableText } from './textGuard.js';

export interface AdminApiOptions {
  identity: Identity;
  system: SystemStatusService;
}

/** The OpenAPI tags of the admin API. */
export const adminApiTags = [
  { name: 'account', description: 'Your own account: password, two-factor authentication, sessions' },
  { name: 'organisations', description: 'Organisations (tenants) and the naming authorities they own' },
  { name: 'users', description: 'People, their roles, password resets' },
  { name: 'api-keys', description: 'API keys for machines and scripts' },
  { name: 'audit', description: 'The append-only audit log' },
  { name: 'system', description: 'Status and configuration of the deployment' },
];

export function adminApiPlugin(options: AdminApiOptions) {
  return async function adminApi(app: FastifyInstance): Promise<void> {
    const { identity } = options;
    rateLimitGroup(app, 'admin');
    refuseUnstorableText(app);
    // Answers carry keys, TOTP secrets and recovery codes: no cache anywhere may keep them.
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
    });
    getMe(app, identity);
    putMyPassword(app, identity);
    postMyTotp(app, identity);
    postMyTotpConfirmation(app, identity);
    deleteMyTotp(app, identity);
    mySessions(app, identity);
    getOrganisations(app, identity);
    postOrganisation(app, identity);
    getOrganisation(app, identity);
    patchOrganisation(app, identity);
    deleteOrganisation(app, identity);
    putAuthority(app, identity);
    deleteAuthority(app, identity);
    getRateLimits(app, identity);
    putRateLimits(app, identity);
    getUsers(app, identity);
    postUser(app, identity);
    getUser(app, identity);
    patchUser(app, identity);
    deleteUser(app, identity);
    postUserPassword(app, identity);
    deleteUserTotp(app, identity);
    getApiKeys(app, identity);
    postApiKey(app, identity);
    deleteApiKey(app, identity);
    getAuditEvents(app, identity);
    getSystem(app, options.system);
    getSystemActivity(app, identity, options.system);
  };
}
