// The gateway's token verifier: JWT access tokens of the built-in provider (checked against its own
// keys, including those rotated out but not yet retired) and of trusted external issuers.
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import { isScope, type Principal, type Scope } from '../../core/access.js';
import { ObshubError } from '../../core/errors.js';
import type { OidcRepository, User } from '../../storage/index.js';
import { userPrincipal } from '../identity.js';
import { SIGNING_ALG } from './keys.js';
import type { TrustedIssuers } from './trustedIssuers.js';

export interface OwnTokens {
  issuer: string;
  audience: string;
  /** The provider's public signing keys. */
  publicKeys(): JWK[];
  /** Reloads the keys from the database (another process may have rotated them); rate-limited. */
  refreshKeys(): Promise<void>;
}

const invalid = (detail: string, cause?: unknown) => new ObshubError('UNAUTHENTICATED', detail, { cause });

function tokenScopes(scope: unknown): Scope[] {
  return typeof scope === 'string' ? scope.split(' ').filter(isScope) : [];
}

export function createTokenVerifier(deps: {
  own: OwnTokens;
  trusted: TrustedIssuers;
  oidc: OidcRepository;
  /** The account behind a subject (the user service's). */
  account(id: string): Promise<User | undefined>;
}) {
  const { own, trusted, oidc } = deps;

  async function verifyOwn(token: string): Promise<Principal> {
    const options = { issuer: own.issuer, audience: own.audience, typ: 'at+jwt', algorithms: [SIGNING_ALG] };
    let payload;
    try {
      ({ payload } = await jwtVerify(token, createLocalJWKSet({ keys: own.publicKeys() }), options));
    } catch (err) {
      if (!(err instanceof joseErrors.JWKSNoMatchingKey)) throw invalid('the access token is not valid', err);
      await own.refreshKeys();
      try {
        ({ payload } = await jwtVerify(token, createLocalJWKSet({ keys: own.publicKeys() }), options));
      } catch (again) {
        throw invalid('the access token is not valid', again);
      }
    }
    const clientId = payload.client_id;
    if (typeof payload.sub !== 'string' || typeof clientId !== 'string') {
      throw invalid('the access token lacks sub or client_id');
    }
    const scopes = tokenScopes(payload.scope);
    if (payload.sub !== clientId) {
      // A person's token (authorization code or refresh): their current role and organisation.
      const user = await deps.account(payload.sub);
      if (!user || user.disabled) throw invalid('the account of this token is gone or disabled');
      // A web app session signed out (My account) takes its access tokens with it.
      if (typeof payload.grant_id === 'string' && !(await oidc.findPayload('Grant', payload.grant_id))) {
        throw invalid('the session of this token was signed out');
      }
      return userPrincipal(user, 'token', new Set(scopes));
    }
    // Client credentials: a service of the client's organisation; a deleted client's tokens stop working.
    const client = await oidc.findClient(clientId);
    if (!client) throw invalid('the client of this token no longer exists');
    return {
      actor: `client:${client.id}`,
      role: 'service',
      orgId: client.orgId,
      userId: null,
      scopes: new Set(scopes.length ? client.scopes.filter((s) => scopes.includes(s)) : client.scopes),
      via: 'token',
    };
  }

  return async function verifyToken(token: string): Promise<Principal> {
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch (err) {
      throw invalid('the bearer token is neither an API key nor a JWT', err);
    }
    if (iss === own.issuer) return verifyOwn(token);
    const external = iss ? trusted.find(iss) : undefined;
    if (!external) throw invalid('tokens of this issuer are not accepted');
    return trusted.verify(token, external);
  };
}
