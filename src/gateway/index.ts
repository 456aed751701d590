// The gateway: edge concerns shared by every service: HTTP hygiene (security headers, CORS, request ids:
// httpHygiene.ts, registered first of all), who is calling (authentication from an API key or a bearer
// token, with failed authentications limited per address), how much may they call (rate limits of the
// route group each route declares in its `config`: rateLimits.ts) and may they call this route (one
// guard, driven by the permission each route declares in its `config`). Registered with
// fastify-plugin, so its hooks see every route.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { anonymous, can, type Permission, type Principal } from '../core/access.js';
import { API_KEY_PREFIX } from '../core/apiKey.js';
import { ObshubError } from '../core/errors.js';
import type { RateLimitGroup } from '../core/limits.js';
import { installRateLimits, type RateLimitOptions } from './rateLimits.js';

export { openCounters, type Counters } from './counters.js';
export { MemoryCounters } from './memoryCounters.js';
export { RedisCounters } from './redisCounters.js';
export type { RateLimitOptions } from './rateLimits.js';
export { httpHygiene, requestIdOf, type HttpHygieneOptions } from './httpHygiene.js';

/** What a route requires: a permission, or `public` for routes anyone may call (health, sign-in pages). */
export type RoutePermission = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route requires; every route declares one (the gateway refuses to start otherwise). */
    permission?: RoutePermission;
    /** The rate-limit group of this route, or `none` (health, static files); every route declares one. */
    rateLimitGroup?: RateLimitGroup | 'none';
    /** The route authenticates its callers itself (the OIDC provider's endpoints): the gateway reads no credentials. */
    ownAuthentication?: boolean;
    /**
     * The route also accepts a credential of its own that the gateway does not know (the metrics token):
     * when this returns true the request passes, as anonymous, without authentication or permission check.
     */
    ownCredential?: (request: FastifyRequest) => boolean;
  }
  interface FastifyRequest {
    /** The authenticated caller (anonymous when no credentials were sent). */
    principal: Principal;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: RoutePermission;
  rateLimitGroup: RateLimitGroup | 'none';
}

/** Turns a bearer token that is not an API key (a JWT) into its principal; throws UNAUTHENTICATED when invalid. */
export type TokenVerifier = (token: string, request: FastifyRequest) => Promise<Principal>;

/** Failed authentications per address (identity's AuthFailures). */
export interface FailedAuthentications {
  /** Seconds until `source` may authenticate again (0: now). */
  retryAfter(source: string): Promise<number>;
  record(
    source: string,
    failure: { action: 'token.rejected'; details: Record<string, unknown> },
  ): Promise<void>;
}

/** Groups whose requests check credentials themselves: closed to addresses over the failure limit. */
const credentialGroups: readonly (RateLimitGroup | 'none' | undefined)[] = ['sign-in', 'token'];

export interface GatewayOptions {
  /** Counts (and audits) its own failures. */
  apiKeys: { authenticate(key: string, source: string | null): Promise<Principal> };
  /** Set once the OIDC provider and trusted issuers are ready. */
  verifyToken?: TokenVerifier;
  /** What callers without credentials may do, e.g. read core data, or ingest on a closed network. */
  anonymousPermissions: readonly Permission[];
  failures: FailedAuthentications;
  rateLimits: RateLimitOptions;
}

export interface Gateway {
  plugin: (app: FastifyInstance) => Promise<void>;
  /** Every route with the permission it requires, once the app is ready: the route → permission table. */
  readonly routes: RouteEntry[];
  /** Plugs in bearer-token verification (the OIDC provider starts after the gateway). */
  setTokenVerifier(verifier: TokenVerifier): void;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header ? header.trim() : undefined;
}

async function authenticate(request: FastifyRequest, options: GatewayOptions): Promise<Principal> {
  const apiKey = apiKeyOf(request);
  const authorization = request.headers.authorization;
  if (apiKey) return options.apiKeys.authenticate(apiKey, request.ip);
  if (!authorization) return anonymous;
  const token = BEARER.exec(authorization)?.[1];
  if (token?.startsWith(API_KEY_PREFIX)) return options.apiKeys.authenticate(token, request.ip);
  try {
    if (!token) {
      throw new ObshubError(
        'UNAUTHENTICATED',
        'the Authorization header must be "Bearer <API key or token>"',
      );
    }
    if (!options.verifyToken) throw new ObshubError('UNAUTHENTICATED', 'bearer tokens are not accepted here');
    return await options.verifyToken(token, request);
  } catch (err) {
    if (err instanceof ObshubError && err.code === 'UNAUTHENTICATED') {
      await options.failures.record(request.ip, {
        action: 'token.rejected',
        details: { reason: err.message },
      });
    }
    throw err;
  }
}

/** Refuses an address over the failed-authentication limit before its credentials cost any work. */
async function refuseFailingAddress(request: FastifyRequest, reply: FastifyReply, options: GatewayOptions) {
  const group = request.routeOptions.config?.rateLimitGroup;
  if (!apiKeyOf(request) && !request.headers.authorization && !credentialGroups.includes(group)) return;
  const seconds = await options.failures.retryAfter(request.ip);
  if (seconds === 0) return;
  void reply.header('retry-after', seconds);
  throw new ObshubError(
    'TOO_MANY_ATTEMPTS',
    `too many failed authentications from this address; try again in ${seconds} s`,
  );
}

/** May `principal` call a route that requires `permission`? */
function allowed(
  principal: Principal,
  permission: RoutePermission,
  anonymousPermissions: readonly Permission[],
) {
  if (permission === 'public') return true;
  if (principal.role === null) return anonymousPermissions.includes(permission);
  return can(principal, permission);
}

export function createGateway(options: GatewayOptions): Gateway {
  const declared: RouteOptions[] = [];
  const routes: RouteEntry[] = [];
  const settings = { ...options };

  async function gateway(app: FastifyInstance): Promise<void> {
    // Set by the onRequest hook below on every request (a shared object default is not allowed).
    app.decorateRequest('principal', null as unknown as Principal);
    const limit = await installRateLimits(app, settings.rateLimits);
    app.addHook('onRoute', (route) => {
      // CORS preflight answers are public: they carry no credentials and reveal nothing.
      if (route.method === 'OPTIONS' && !route.config?.permission) {
        route.config = { ...route.config, permission: 'public' };
      }
      declared.push(route);
    });
    app.addHook('onReady', async () => {
      routes.length = 0;
      for (const route of declared) {
        const permission = route.config?.permission;
        const rateLimitGroup = route.config?.rateLimitGroup;
        const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
          (m) => m !== 'HEAD',
        );
        if (!permission) {
          throw new Error(`route ${methods.join(',')} ${route.url} declares no config.permission`);
        }
        if (!rateLimitGroup) {
          throw new Error(`route ${methods.join(',')} ${route.url} declares no config.rateLimitGroup`);
        }
        for (const method of methods) routes.push({ method, url: route.url, permission, rateLimitGroup });
      }
    });
    app.addHook('onRequest', async (request, reply) => {
      const { permission, ownAuthentication, ownCredential } = request.routeOptions.config ?? {};
      if (ownCredential?.(request)) {
        request.principal = anonymous;
        return limit(request, reply);
      }
      await refuseFailingAddress(request, reply, settings);
      let principal: Principal = anonymous;
      try {
        if (!ownAuthentication) principal = await authenticate(request, settings);
      } catch (err) {
        if (err instanceof ObshubError && err.code === 'UNAUTHENTICATED') {
          void reply.header('www-authenticate', 'Bearer realm="obshub", error="invalid_token"');
        }
        throw err;
      }
      request.principal = principal;
      await limit(request, reply);
      // Unknown routes (404) have no permission; they fall through to the not-found handler.
      if (permission === undefined || allowed(principal, permission, settings.anonymousPermissions)) return;
      if (principal.role === null) {
        void reply.header('www-authenticate', 'Bearer realm="obshub"');
        throw new ObshubError('UNAUTHENTICATED', `this needs credentials with ${permission}`);
      }
      throw new ObshubError(
        'FORBIDDEN',
        `the role ${principal.role}${principal.scopes ? ` with scopes ${[...principal.scopes].join(',')}` : ''} lacks ${permission}`,
      );
    });
  }

  return {
    plugin: fp(gateway, { name: 'obshub-gateway' }),
    routes,
    setTokenVerifier(verifier) {
      settings.verifyToken = verifier;
    },
  };
}

/** Puts every route registered in this context that names no rate-limit group into `group`. */
export function rateLimitGroup(app: FastifyInstance, group: RateLimitGroup | 'none'): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, rateLimitGroup: route.config?.rateLimitGroup ?? group };
  });
}

/** Marks every route a third-party plugin registers in this context as public (docs pages, static files). */
export function publicRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, permission: route.config?.permission ?? 'public' };
  });
}
