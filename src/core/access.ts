// Who may do what: roles, permissions, credential scopes and the caller of a request (its principal).
// The permission matrix below is the one documented in the README; the gateway's guard and every service
// ask `can()`, and the authorisation matrix test is generated from it and from the route table.

export const roles = ['platform-admin', 'maintainer', 'org-admin', 'org-user', 'service'] as const;
export type Role = (typeof roles)[number];

/** Roles of people (users); `service` is the role of machine identities (API keys, OIDC clients). */
export const userRoles = ['platform-admin', 'maintainer', 'org-admin', 'org-user'] as const;
export type UserRole = (typeof userRoles)[number];

/** Roles that belong to an organisation; the others are platform-wide. */
export const orgRoles: readonly Role[] = ['org-admin', 'org-user', 'service'];

export const permissions = [
  /** Read observations and metadata (`core` data needs no credentials at all). */
  'observations:read',
  /** Write observations of the caller's organisation's naming authorities. */
  'observations:ingest',
  /** Read system status: health details, configuration, metrics. */
  'system:read',
  /** Read the audit log (platform-wide roles: all of it; org-admin: their organisation's). */
  'audit:read',
  /** Create, change and delete organisations and their naming authorities. */
  'organisations:manage',
  /** Read organisations (platform-wide roles: all; others: their own). */
  'organisations:read',
  /** Create and change users and their roles (platform-admin: all; org-admin: their organisation's). */
  'users:manage',
  /** Create and revoke API keys (platform-admin: all; org-admin: their organisation's; others: their own). */
  'api-keys:manage',
  /** Register and remove OIDC clients (platform-admin: all; org-admin: their organisation's). */
  'oidc-clients:manage',
  /** A person's own account: profile, password, two-factor authentication. */
  'account:manage',
] as const;
export type Permission = (typeof permissions)[number];

const matrix: Record<Role, readonly Permission[]> = {
  'platform-admin': [
    'observations:read',
    'system:read',
    'audit:read',
    'organisations:manage',
    'organisations:read',
    'users:manage',
    'api-keys:manage',
    'oidc-clients:manage',
    'account:manage',
  ],
  maintainer: ['observations:read', 'system:read', 'audit:read', 'organisations:read', 'account:manage'],
  'org-admin': [
    'observations:read',
    'observations:ingest',
    'audit:read',
    'organisations:read',
    'users:manage',
    'api-keys:manage',
    'oidc-clients:manage',
    'account:manage',
  ],
  'org-user': ['observations:read', 'organisations:read', 'api-keys:manage', 'account:manage'],
  service: ['observations:read', 'observations:ingest'],
};

/** The permissions of a role, as documented in the README's permission matrix. */
export function rolePermissions(role: Role): readonly Permission[] {
  return matrix[role];
}

/**
 * Scopes narrow what a credential may do on behalf of its owner. API keys and client-credentials tokens
 * carry `ingest` and/or `read`; tokens the web app obtains for a signed-in person carry `admin` too.
 */
export const scopes = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof scopes)[number];

const scopePermissions: Record<Scope, readonly Permission[]> = {
  ingest: ['observations:ingest'],
  read: ['observations:read'],
  admin: permissions.filter((p) => !p.startsWith('observations:')),
};

/** The scopes a credential (an API key, an OIDC client) may be given: never `admin`. */
export const credentialScopes = ['ingest', 'read'] as const satisfies readonly Scope[];
export type CredentialScope = (typeof credentialScopes)[number];

export function isScope(value: string): value is Scope {
  return (scopes as readonly string[]).includes(value);
}

export function isCredentialScope(value: string): value is CredentialScope {
  return (credentialScopes as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export interface Principal {
  /** Stable actor reference for the audit log: `user:<id>`, `key:<id>`, `client:<id>` or `anonymous`. */
  readonly actor: string;
  readonly role: Role | null;
  readonly orgId: string | null;
  readonly userId: string | null;
  /** What the credential was granted; null for a person's session (no narrowing). */
  readonly scopes: ReadonlySet<Scope> | null;
  /** How the caller proved who they are. */
  readonly via: 'anonymous' | 'api-key' | 'token' | 'session' | 'cli' | 'system';
}

export const anonymous: Principal = {
  actor: 'anonymous',
  role: null,
  orgId: null,
  userId: null,
  scopes: null,
  via: 'anonymous',
};

/** Everything the hub itself does (bootstrap, the demo feed, the CLI on the server's own database). */
export const system: Principal = {
  actor: 'system',
  role: 'platform-admin',
  orgId: null,
  userId: null,
  scopes: null,
  via: 'system',
};

/** True when `principal` holds `permission` through its role and, for credentials, its scopes. */
export function can(principal: Principal, permission: Permission): boolean {
  if (!principal.role || !matrix[principal.role].includes(permission)) return false;
  if (!principal.scopes) return true;
  for (const scope of principal.scopes) if (scopePermissions[scope].includes(permission)) return true;
  return false;
}

/** True for roles that act everywhere rather than inside one organisation. */
export function isPlatformWide(principal: Principal): boolean {
  return principal.role === 'platform-admin' || principal.role === 'maintainer';
}
