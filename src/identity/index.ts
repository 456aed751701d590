// The identity service: organisations, users, roles, API keys, sign-in with TOTP, the audit log, and who
// owns which naming authority. (The OIDC provider and the admin API are plugins built on it.)

export { adminApiPlugin, adminApiTags, type AdminApiOptions } from './api/index.js';
export { auditActions, type AuditAction } from './audit.js';
export {
  ADMIN_USERNAME,
  bootstrapIdentity,
  createIdentity,
  userPrincipal,
  type Identity,
} from './identity.js';
export {
  ADMIN_USAGE,
  cliPrincipal,
  osUser,
  parseAdminArgs,
  parseExpiry,
  runAdminInvocation,
  type AdminCliIo,
  type AdminContext,
} from './adminCommands.js';
export {
  adminSocketPath,
  sendAdminCommand,
  serveAdminCommands,
  type AdminSocketServer,
} from './adminSocket.js';
export { publicApiKey, type PublicApiKey } from './apiKeys.js';
export { publicUser, type PublicUser } from './users.js';
export { resolveMasterSecret } from './masterSecret.js';
export { lockDurationMs } from './lockout.js';
export type { AuthFailure, AuthFailures } from './authFailures.js';
export { currentTotp } from './totp.js';
export { publicOidcClient, type PublicOidcClient } from './oidcClients.js';
export { oidcClientRoutes } from './api/oidcClients.js';
export {
  createOidc,
  listSigningKeys,
  retireSigningKey,
  rotateSigningKey,
  WEB_CLIENT_ID,
  type Oidc,
} from './oidc/index.js';
