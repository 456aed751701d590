// The gateway: edge concerns shared by every service: HTTP hygiene (security headers, CORS, request ids:
// httpHygiene.ts, registered first of all), who is calling (authentication from an API key or a bearer
// token) and may they call this route (one guard, driven by the permission each route declares in its
// `config`). Registered with fastify-plugin, so its hooks see every route.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { anonymous, can, type Permission, type Principal } from '../core/access.js';
import { API_KEY_PREFIX } from '../core/apiKey.js';
import { ObshubError } from '../core/errors.js';
export { httpHygiene, requestIdOf, type HttpHygieneOptions } from './httpHygiene.js';

/** What a route requires: a permission, or `public` for routes anyone may call (health, sign-in pages). */
export type RoutePermission = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route requires; every route declares one (the gateway refuses to start otherwise). */
    permission?: RoutePermission;
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
}

/** Turns a bearer token that is not an API key (a JWT) into its principal; throws UNAUTHENTICATED when invalid. */
export type TokenVerifier = (token: string, request: FastifyRequest) => Promise<Principal>;

export interface GatewayOptions {
  apiKeys: { authenticate(key: string, source: string | null): Promise<Principal> };
  /** Set once the OIDC provider and trusted issuers are ready. */
  verifyToken?: TokenVerifier;
  /** What callers without credentials may do, e.g. read core data, or ingest on a closed network. */
  anonymousPermissions: readonly Permission[];
}

export interface Gateway {
  plugin: (app: FastifyInstance) => Promise<void>;
  /** Every route with the permission it requires, once the app is ready: the route → permission table. */
  readonly routes: RouteEntry[];
  /** Plugs in bearer-token verification (the OIDC provider starts after the gateway). */
  setTokenVerifier(verifier: TokenVerifier): void;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

async function authenticate(request: FastifyRequest, options: GatewayOptions): Promise<Principal> {
  const apiKeyHeader = request.headers['x-api-key'];
  const authorization = request.headers.authorization;
  if (typeof apiKeyHeader === 'string' && apiKeyHeader) {
    return options.apiKeys.authenticate(apiKeyHeader.trim(), request.ip);
  }
  if (!authorization) return anonymous;
  const token = BEARER.exec(authorization)?.[1];
  if (!token) {
    throw new ObshubError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <API key or token>"');
  }
  if (token.startsWith(API_KEY_PREFIX)) return options.apiKeys.authenticate(token, request.ip);
  if (!options.verifyToken) throw new ObshubError('UNAUTHENTICATED', 'bearer tokens are not accepted here');
  return options.verifyToken(token, request);
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
        const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
          (m) => m !== 'HEAD',
        );
        if (!permission) {
          throw new Error(`route ${methods.join(',')} ${route.url} declares no config.permission`);
        }
        for (const method of methods) routes.push({ method, url: route.url, permission });
      }
    });
    app.addHook('onRequest', async (request, reply) => {
      const permission = request.routeOptions.config?.permission;
      let principal: Principal;
      try {
        principal = await authenticate(request, settings);
      } catch (err) {
        if (err instanceof ObshubError && err.code === 'UNAUTHENTICATED') {
          void reply.header('www-authenticate', 'Bearer realm="obshub", error="invalid_token"');
        }
        throw err;
      }
      request.principal = principal;
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

/** Marks every route a third-party plugin registers in this context as public (docs pages, static files). */
export function publicRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, permission: route.config?.permission ?? 'public' };
  });
}
