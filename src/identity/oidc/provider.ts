// The configuration of the built-in OpenID Connect provider (oidc-provider, the certified library):
// authorization code + PKCE for the web app, client credentials for organisations' services, refresh
// tokens, and JWT access tokens for the hub itself (resource indicator = PUBLIC_URL) that the gateway
// verifies against the provider's own JWKS.
import type { Logger } from 'pino';
import type * as OidcProviderLib from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { SecretBox } from '../../core/secretBox.js';
import type { OidcRepository, User } from '../../storage/index.js';
import { createAdapter } from './adapter.js';
import type { ProviderKeys } from './keys.js';
import { SIGNING_ALG } from './keys.js';
import { errorPage, escapeHtml, page } from './pages.js';

/** The built-in public client of the web app (authorization code + PKCE, refresh tokens). */
export const WEB_CLIENT_ID = 'obshub-web';
/** Scopes of the hub's own API (the resource server); the web app's tokens carry all three. */
export const WEB_SCOPES = 'ingest read admin';

export const ACCESS_TOKEN_TTL = 10 * 60;

export interface ProviderSettings {
  publicUrl: string;
  oidc: OidcRepository;
  /** The account behind a subject (the user service's). */
  account(id: string): Promise<User | undefined>;
  secrets: SecretBox;
  keys: ProviderKeys;
  log: Logger;
}

/** `${PUBLIC_URL}/oidc`. */
export function issuerOf(publicUrl: string): string {
  return `${publicUrl}/oidc`;
}

function setPage(ctx: KoaContextWithOIDC, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = html;
}

type OidcProviderModule = typeof OidcProviderLib;
let loaded: Promise<OidcProviderModule> | undefined;

/**
 * Loads oidc-provider. It prints a console warning at load on Node.js 20 ("use Node.js 22"), which we
 * support (ARCHITECTURE.md §4): that one line is dropped so that stderr and the JSON logs stay clean.
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime'))
        return;
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}

export function createProvider(lib: OidcProviderModule, settings: ProviderSettings): Provider {
  const { Provider, errors } = lib;
  const { publicUrl, oidc, log } = settings;
  const issuer = issuerOf(publicUrl);
  const basePath = new URL(issuer).pathname;
  const configuration: Configuration = {
    adapter: createAdapter(oidc, settings.secrets),
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_name: 'obshub web app',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${publicUrl}/app/`, `${publicUrl}/app/callback`],
        post_logout_redirect_uris: [`${publicUrl}/app/`],
        scope: 'openid profile offline_access',
      },
    ],
    jwks: { keys: settings.keys.signing },
    cookies: {
      keys: settings.keys.cookie,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'org', 'role'] },
    async findAccount(_ctx, sub) {
      const user = await settings.account(sub);
      if (!user || user.disabled) return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          preferred_username: user.username,
          name: user.displayName ?? user.username,
          org: user.orgId,
          role: user.role,
        }),
      };
    },
    // The web app's access tokens name their grant: the session the gateway checks is still signed in
    // (My account signs sessions out), and the one /api/v1/me/sessions marks current.
    extraTokenClaims: async (_ctx, token) =>
      token.kind === 'AccessToken' && token.clientId === WEB_CLIENT_ID && token.grantId
        ? { grant_id: token.grantId }
        : undefined,
    interactions: { url: async (_ctx, interaction) => `${basePath}/interaction/${interaction.uid}` },
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) =>
          client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) =>
          setPage(
            ctx,
            200,
            page(
              'Sign out',
              `<h1>Sign out of obshub?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
            ),
          ),
        postLogoutSuccessSource: async (ctx) =>
          setPage(ctx, 200, page('Signed out', '<h1>You are signed out</h1>')),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? publicUrl,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource, client) => {
          if (resource !== publicUrl) throw new errors.InvalidTarget();
          // The web app's tokens may carry every scope; an organisation's client only those it was given
          // (asking for another is an error rather than a silently smaller token).
          const scope =
            client.clientId === WEB_CLIENT_ID
              ? WEB_SCOPES
              : ((await oidc.findClient(client.clientId))?.scopes.join(' ') ?? '');
          const requested = ctx.oidc.params?.scope;
          const refused = (typeof requested === 'string' ? requested.split(' ') : []).find(
            (s) => WEB_SCOPES.split(' ').includes(s) && !scope.split(' ').includes(s),
          );
          if (refused) throw new errors.InvalidScope('requested scope is not allowed', refused);
          return {
            scope,
            audience: publicUrl,
            accessTokenTTL: ACCESS_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
    clientBasedCORS: (_ctx, origin) => origin === new URL(publicUrl).origin,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      ClientCredentials: ACCESS_TOKEN_TTL,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      DeviceCode: 10 * 60,
      BackchannelAuthenticationRequest: 10 * 60,
      PreAuthorizedCode: 10 * 60,
      RefreshToken: (ctx, token, client) => {
        // A rotated refresh token of a public client keeps its predecessor's expiry (no endless session).
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
        if (rotated && client.clientAuthMethod === 'none') return rotated.remainingTTL;
        return 14 * 24 * 3600;
      },
    },
    renderError: async (ctx, out) => {
      const detail = Object.entries(out)
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`)
        .join('');
      setPage(ctx, ctx.status >= 400 ? ctx.status : 400, errorPage(`<dl>${detail}</dl>`));
    },
  };
  const provider = new Provider(issuer, configuration);
  // Behind the hub: the origin comes from PUBLIC_URL (forwarded headers are set by the hand-off).
  provider.proxy = true;
  provider.on('server_error', (_ctx, err) => log.error({ component: 'oidc', err }, 'OIDC provider error'));
  // A path under /oidc/ that is none of the provider's endpoints: the hub's problem+json 404, not Koa's
  // plain-text "Not Found".
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.status !== 404 || ctx.body != null) return;
    const requestId = ctx.res.getHeader('x-request-id');
    ctx.status = 404;
    ctx.type = 'application/problem+json; charset=utf-8';
    ctx.body = JSON.stringify({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `${ctx.method} ${((ctx.req as { originalUrl?: string }).originalUrl ?? ctx.url).split('?')[0]} does not exist`,
      ...(typeof requestId === 'string' ? { requestId } : {}),
    });
  });
  return provider;
}
