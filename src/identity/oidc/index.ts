// The built-in OpenID Connect provider, mounted under /oidc: oidc-provider (a Koa app) receives the raw
// request of every /oidc/* route except the sign-in pages, which are Fastify routes of ours. Also the
// gateway's token verifier (own JWT access tokens and trusted external issuers), key reloading after
// rotation, and the purge of expired artefacts.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { emit } from '../../observability/index.js';
import type { Principal } from '../../core/access.js';
import type { TrustedIssuer } from '../../config/index.js';
import type { Repositories } from '../../storage/index.js';
import type { Identity } from '../identity.js';
import { getInteraction } from './getInteraction.js';
import { ensureKeys, loadKeys, type ProviderKeys } from './keys.js';
import { postInteraction } from './postInteraction.js';
import { createProvider, issuerOf, loadOidcProvider, WEB_CLIENT_ID } from './provider.js';
import { TrustedIssuers } from './trustedIssuers.js';
import { createTokenVerifier } from './verifier.js';

export { rotateSigningKey, retireSigningKey, listSigningKeys } from './keys.js';
export { WEB_CLIENT_ID } from './provider.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Requests of this route go to the OIDC provider as they are (it authenticates its own callers). */
    oidcProvider?: boolean;
  }
}

const MOUNT = '/oidc';
const KEY_POLL_MS = 60_000;
const PURGE_MS = 10 * 60_000;
const REFRESH_AT_MOST_EVERY_MS = 5_000;

export interface Oidc {
  /** `${PUBLIC_URL}/oidc`. */
  readonly issuer: string;
  /** The public client of the web app. */
  readonly webClientId: string;
  /**
   * An onRequest hook to add to the root before the gateway: it hands /oidc/* requests (other than the
   * sign-in pages) to the provider untouched, before the gateway reads their Authorization header (the
   * token endpoint takes HTTP Basic client credentials).
   */
  readonly handOff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** The routes: sign-in pages and the provider's endpoints (all public). */
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  /** The gateway's TokenVerifier. */
  readonly verifyToken: (token: string, request: FastifyRequest) => Promise<Principal>;
  /** Reloads the keys now (the running hub also polls for rotations every minute). */
  reloadKeys(): Promise<void>;
  close(): void;
}

function grantTypeOf(params: Record<string, unknown> | undefined): string {
  const value = params?.grant_type;
  return typeof value === 'string' ? value : '';
}

function publicJwk(jwk: JWK): JWK {
  const { kty, n, e, crv, x, y, kid, alg, use } = jwk;
  return Object.fromEntries(
    Object.entries({ kty, n, e, crv, x, y, kid, alg, use }).filter(([, v]) => v !== undefined),
  );
}

export async function createOidc(deps: {
  config: { publicUrl: string; oidcTrustedIssuers: readonly TrustedIssuer[] };
  /** The provider's own repository. */
  storage: Pick<Repositories, 'oidc'>;
  identity: Identity;
  log: Logger;
}): Promise<Oidc> {
  const { config, storage, identity, log } = deps;
  const issuer = issuerOf(config.publicUrl);
  const publicUrl = new URL(config.publicUrl);
  const publicPath = publicUrl.pathname.replace(/\/+$/, '');

  const lib = await loadOidcProvider();
  await ensureKeys(storage, identity.secrets);
  let keys: ProviderKeys = await loadKeys(storage, identity.secrets);
  let keysVersion = await storage.oidc.keysVersion();
  const account = (id: string) => identity.users.account(id);
  const build = (k: ProviderKeys) => {
    const provider = createProvider(lib, {
      publicUrl: config.publicUrl,
      oidc: storage.oidc,
      account,
      secrets: identity.secrets,
      keys: k,
      log,
    });
    auditTokens(provider);
    return { provider, callback: provider.callback() };
  };
  let current = build(keys);

  function auditTokens(provider: Provider): void {
    provider.on('grant.success', (ctx) => {
      const { client, entities } = ctx.oidc;
      const grantType = grantTypeOf(ctx.oidc.params);
      emit('identity.token_issued', { grantType });
      const accountId = entities.AuthorizationCode?.accountId ?? entities.RefreshToken?.accountId;
      const clientId = client?.clientId ?? '';
      const grantId = entities.AuthorizationCode?.grantId ?? entities.RefreshToken?.grantId;
      if (accountId && grantId && clientId === WEB_CLIENT_ID) {
        identity.sessions
          .seen({
            grantId,
            accountId,
            userAgent: ctx.get('user-agent') || null,
            source: ctx.ip,
            signIn: grantType === 'authorization_code',
          })
          .catch((err: unknown) => log.warn({ component: 'oidc', err }, 'could not record a session'));
      }
      void (async () => {
        const orgClient = accountId ? undefined : await storage.oidc.findClient(clientId);
        await identity.audit.record(
          accountId ? `user:${accountId}` : `client:${clientId}`,
          'token.issue',
          'success',
          {
            orgId: orgClient?.orgId ?? null,
            target: `client:${clientId}`,
            source: ctx.ip,
            details: { grantType, clientId },
          },
        );
      })().catch((err: unknown) => log.warn({ component: 'oidc', err }, 'could not audit a token'));
    });
    // A refused grant (a wrong client secret, a stale refresh token) is a failed authentication.
    provider.on('grant.error', (ctx, err) => {
      identity.authFailures
        .record(ctx.ip, {
          action: 'token.issue',
          target: ctx.oidc.client ? `client:${ctx.oidc.client.clientId}` : null,
          details: { grantType: grantTypeOf(ctx.oidc.params), error: err.message },
        })
        .catch((failure: unknown) =>
          log.warn({ component: 'oidc', err: failure }, 'could not count a refused grant'),
        );
    });
  }

  async function reloadKeys(): Promise<void> {
    const version = await storage.oidc.keysVersion();
    if (version === keysVersion) return;
    keys = await loadKeys(storage, identity.secrets);
    keysVersion = version;
    current = build(keys);
    log.info({ component: 'oidc', signingKey: keys.signing[0]?.kid }, 'OIDC keys reloaded');
  }

  let lastRefresh = 0;
  const trusted = new TrustedIssuers(config.oidcTrustedIssuers, (id) => identity.organisations.exists(id));
  const verify = createTokenVerifier({
    oidc: storage.oidc,
    account,
    trusted,
    own: {
      issuer,
      audience: config.publicUrl,
      publicKeys: () => keys.signing.map(publicJwk),
      async refreshKeys() {
        if (Date.now() - lastRefresh < REFRESH_AT_MOST_EVERY_MS) return;
        lastRefresh = Date.now();
        await reloadKeys();
      },
    },
  });

  const keyPoll = setInterval(() => {
    reloadKeys().catch((err: unknown) => log.warn({ component: 'oidc', err }, 'could not reload OIDC keys'));
  }, KEY_POLL_MS);
  keyPoll.unref();
  const purge = setInterval(() => {
    storage.oidc
      .purgeExpired()
      .catch((err: unknown) =>
        log.warn({ component: 'oidc', err }, 'could not purge expired OIDC artefacts'),
      );
  }, PURGE_MS);
  purge.unref();

  /** Gives the raw request to oidc-provider, as if it were mounted at `${PUBLIC_URL path}/oidc`. */
  function forward(request: FastifyRequest, reply: FastifyReply): void {
    // The headers set so far (security headers, request id, rate limits) go out with the provider's answer.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    const url = raw.url ?? '/';
    raw.originalUrl = `${publicPath}${url}`;
    raw.url = url.slice(MOUNT.length) || '/';
    // Links and cookies follow PUBLIC_URL whatever Host the request came with; the caller's address is
    // the one Fastify saw.
    raw.headers['x-forwarded-host'] = publicUrl.host;
    raw.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
    raw.headers['x-forwarded-for'] = request.ip;
    void current.callback(raw, reply.raw);
  }

  const deps2 = {
    storage,
    provider: () => current.provider,
    csrfKey: () => keys.cookie[0] ?? '',
  };

  return {
    issuer,
    webClientId: WEB_CLIENT_ID,
    async handOff(request, reply) {
      if (request.routeOptions.config?.oidcProvider) forward(request, reply);
    },
    async plugin(app) {
      getInteraction(app, deps2, identity);
      postInteraction(app, deps2, identity);
      await app.register(async (endpoints) => {
        // The provider reads the body itself.
        endpoints.removeAllContentTypeParsers();
        endpoints.addContentTypeParser('*', (_request, _payload, done) => done(null));
        endpoints.route({
          method: ['GET', 'POST', 'OPTIONS'],
          url: `${MOUNT}/*`,
          config: {
            permission: 'public',
            oidcProvider: true,
            ownAuthentication: true,
            rateLimitGroup: 'token',
          },
          schema: { hide: true },
          handler: async (request, reply) => forward(request, reply),
        });
      });
    },
    verifyToken: (token) => verify(token),
    reloadKeys,
    close() {
      clearInterval(keyPoll);
      clearInterval(purge);
    },
  };
}
