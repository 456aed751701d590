// The identity service: the parts (organisations, users, API keys, sign-in, audit, authorities, OIDC
// clients, web sessions) composed once, and the first-start bootstrap.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { system, type Principal } from '../core/access.js';
import type { CounterStore } from '../core/limits.js';
import { SecretBox } from '../core/secretBox.js';
import type { Repositories, User } from '../storage/index.js';
import { ApiKeyService } from './apiKeys.js';
import { AuditLog } from './audit.js';
import { AuthFailures } from './authFailures.js';
import { Authorities } from './authorities.js';
import { Lockout } from './lockout.js';
import { OidcClientService } from './oidcClients.js';
import { OrganisationService } from './organisations.js';
import { RateLimitService } from './rateLimits.js';
import { SessionService } from './sessions.js';
import { SignInService } from './signIn.js';
import { UserService } from './users.js';

export const ADMIN_USERNAME = 'admin';

export interface Identity {
  readonly secrets: SecretBox;
  readonly audit: AuditLog;
  readonly authorities: Authorities;
  readonly organisations: OrganisationService;
  readonly users: UserService;
  readonly apiKeys: ApiKeyService;
  readonly signIn: SignInService;
  /** Client-credentials clients of organisations (the OIDC provider's machine identities). */
  readonly oidcClients: OidcClientService;
  /** Failed authentications per address: refused beyond the limit, audited one event per window. */
  readonly authFailures: AuthFailures;
  /** The rate limits of organisations (configured, or set by a platform admin). */
  readonly rateLimits: RateLimitService;
  /** People's sessions of the web app (list, sign out). */
  readonly sessions: SessionService;
}

/** The repositories the identity service uses. */
export type IdentityRepositories = Pick<
  Repositories,
  'organisations' | 'users' | 'apiKeys' | 'audit' | 'oidc' | 'rateLimits'
>;

export function createIdentity(deps: {
  storage: IdentityRepositories;
  masterSecret: string;
  log: Logger;
  config: Pick<Config, 'rateLimit' | 'authFailureLimit' | 'signInLockout' | 'anonymousIngest'>;
  /** Where failures and lockouts are counted (memory or Redis). */
  counters: CounterStore;
}): Identity {
  const { storage, config, counters } = deps;
  const secrets = new SecretBox(deps.masterSecret);
  const audit = new AuditLog(storage.audit, deps.log);
  const authorities = new Authorities(storage.organisations, audit, config.anonymousIngest);

  const authFailures = new AuthFailures(counters, audit, config.authFailureLimit);
  const lockout = new Lockout(counters, config.signInLockout);
  return {
    secrets,
    audit,
    authorities,
    organisations: new OrganisationService(storage.organisations, audit, authorities),
    users: new UserService(storage, audit, secrets),
    apiKeys: new ApiKeyService(storage, audit, authFailures),
    signIn: new SignInService(storage, audit, secrets, lockout, authFailures),
    oidcClients: new OidcClientService(storage, audit, secrets),
    authFailures,
    rateLimits: new RateLimitService(storage.rateLimits, storage.organisations, audit, config.rateLimit),
    sessions: new SessionService(storage.oidc, audit),
  };
}

/** The principal of a signed-in person (`scopes` narrows what a token may do; null: everything). */
export function userPrincipal(
  user: User,
  via: Principal['via'],
  scopes: Principal['scopes'] = null,
): Principal {
  return { actor: `user:${user.id}`, role: user.role, orgId: user.orgId, userId: user.id, scopes, via };
}

/**
 * First start: creates the platform admin `admin` (password from OBSHUB_ADMIN_PASSWORD, or generated and
 * returned so the caller prints it once) and, with the demo feed, the organisation owning its authority.
 * Safe when several processes start at once.
 */
export async function bootstrapIdentity(
  identity: Identity,
  storage: Pick<Repositories, 'users' | 'organisations'>,
  options: { adminPassword: string | undefined; demoAuthority?: string },
): Promise<{ generatedAdminPassword?: string }> {
  const result: { generatedAdminPassword?: string } = {};
  if ((await storage.users.count('platform-admin')) === 0) {
    const password = options.adminPassword ?? randomBytes(18).toString('base64url');
    try {
      await identity.users.create(system, { username: ADMIN_USERNAME, role: 'platform-admin', password });
      if (!options.adminPassword) result.generatedAdminPassword = password;
    } catch (err) {
      // Another process created it first.
      if ((await storage.users.count('platform-admin')) === 0) throw err;
    }
  }
  if (options.demoAuthority && !(await storage.organisations.find('demo'))) {
    try {
      await identity.organisations.create(system, { id: 'demo', name: 'obshub demo feed' });
      await identity.organisations.setAuthority(system, 'demo', options.demoAuthority, 'core');
    } catch (err) {
      if (!(await storage.organisations.find('demo'))) throw err;
    }
  }
  return result;
}
