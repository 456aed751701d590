// Access tokens of external OpenID Connect issuers (Keycloak, Entra ID, Google…, and through them SAML
// 2.0 federation): verified with the issuer's JWKS found through its discovery document, then mapped to
// an obshub principal by the operator's claim mapping (OIDC_TRUSTED_ISSUERS).
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { isScope, orgRoles, roles, type Principal, type Role, type Scope } from '../../core/access.js';
import { ObshubError } from '../../core/errors.js';
import type { TrustedIssuer } from '../../config/index.js';

const DISCOVERY_TIMEOUT_MS = 5000;
const CLOCK_TOLERANCE_S = 30;
/** Signatures with the issuer's published public keys only (never a shared secret, never `none`). */
const ASYMMETRIC_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** A claim by dotted path (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

const unauthenticated = (detail: string, cause?: unknown) =>
  new ObshubError('UNAUTHENTICATED', detail, { cause });

export class TrustedIssuers {
  private readonly keySets = new Map<string, Promise<ReturnType<typeof createRemoteJWKSet>>>();

  constructor(
    private readonly issuers: readonly TrustedIssuer[],
    /** Whether an organisation exists (the organisation service's). */
    private readonly organisationExists: (id: string) => Promise<boolean>,
  ) {}

  find(iss: string): TrustedIssuer | undefined {
    return this.issuers.find((i) => i.issuer === iss);
  }

  /** The issuer's JWKS, located through its discovery document (retried after a failure). */
  private keySet(trusted: TrustedIssuer): Promise<ReturnType<typeof createRemoteJWKSet>> {
    let keys = this.keySets.get(trusted.issuer);
    if (!keys) {
      keys = (async () => {
        const url = `${trusted.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
        const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
        if (!response.ok) throw new Error(`discovery of ${trusted.issuer} answered ${response.status}`);
        const doc = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
        if (doc.issuer !== trusted.issuer)
          throw new Error(`discovery of ${trusted.issuer} names another issuer`);
        if (typeof doc.jwks_uri !== 'string')
          throw new Error(`discovery of ${trusted.issuer} has no jwks_uri`);
        return createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
      })();
      keys.catch(() => this.keySets.delete(trusted.issuer));
      this.keySets.set(trusted.issuer, keys);
    }
    return keys;
  }

  async verify(token: string, trusted: TrustedIssuer): Promise<Principal> {
    let keys: ReturnType<typeof createRemoteJWKSet>;
    try {
      keys = await this.keySet(trusted);
    } catch (err) {
      throw unauthenticated(`the keys of ${trusted.issuer} cannot be fetched now`, err);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: trusted.issuer,
        audience: trusted.audience,
        algorithms: ASYMMETRIC_ALGS,
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (err) {
      throw unauthenticated(`the token of ${trusted.issuer} is not valid`, err);
    }
    return this.principal(payload, trusted);
  }

  private async principal(payload: JWTPayload, trusted: TrustedIssuer): Promise<Principal> {
    const forbidden = (detail: string) =>
      new ObshubError('FORBIDDEN', `token of ${trusted.issuer}: ${detail}`);
    if (!payload.sub) throw unauthenticated('the token has no subject');
    const names = trusted.roleClaim ? strings(claimAt(payload, trusted.roleClaim)) : [];
    const mapped = names.map((n) => trusted.roleMap?.[n]).filter((r): r is string => r !== undefined);
    // The most privileged mapped role wins (roles are listed from most to least privileged).
    const role = (roles.find((r) => mapped.includes(r)) ?? trusted.defaultRole) as Role | undefined;
    if (!role) throw forbidden('no claim maps to an obshub role');
    let orgId: string | null = null;
    if (orgRoles.includes(role)) {
      const org =
        trusted.org ?? strings(trusted.orgClaim ? claimAt(payload, trusted.orgClaim) : undefined)[0];
      if (!org) throw forbidden(`the role ${role} needs an organisation, and the token names none`);
      if (!(await this.organisationExists(org))) throw forbidden(`organisation "${org}" does not exist`);
      orgId = org;
    }
    const allowed = (trusted.scopes ?? ['read']).filter(isScope);
    // The token's own scopes narrow the allowed ones when they name any of ours.
    const requested = [...strings(payload.scope), ...strings(payload.scp)].filter(isScope);
    const scopes: Scope[] = requested.length ? allowed.filter((s) => requested.includes(s)) : allowed;
    return {
      actor: `oidc:${payload.sub}@${new URL(trusted.issuer).host}`,
      role,
      orgId,
      userId: null,
      scopes: new Set(scopes),
      via: 'token',
    };
  }
}
