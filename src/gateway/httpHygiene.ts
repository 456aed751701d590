// HTTP hygiene of every answer: security headers (helmet: a strict Content-Security-Policy that pages
// with other needs set for themselves, nosniff, no framing, HSTS when the hub is served over https),
// CORS (the public read API open to every origin, ingest and the admin API only to CORS_ORIGINS, the
// OIDC provider answering for itself; preflights answered everywhere) and request ids (taken from
// X-Request-Id or a W3C traceparent, returned in X-Request-Id).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cors from '@fastify/cors';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ObshubError } from '../core/errors.js';

export interface HttpHygieneOptions {
  /** PUBLIC_URL: HSTS is sent when it is https. */
  publicUrl: string;
  /** Origins allowed to call ingest and the admin API from a browser. */
  corsOrigins: readonly string[];
}

/** Paths whose callers act with credentials (write data, manage the platform). */
const CREDENTIALED = /^\/(ingest\/|(json|bufr)(\?|$)|api\/)/;
/** The OIDC provider answers CORS on its endpoints itself (oidc-provider's client-based CORS). */
const OWN_CORS = /^\/oidc(\/|\?|$)/;

const ALLOWED_HEADERS = [
  'Authorization',
  'X-API-Key',
  'Content-Type',
  'Content-Encoding',
  'If-None-Match',
  'If-Modified-Since',
  'X-Request-Id',
  'traceparent',
];
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Link',
  'Retry-After',
  'X-Request-Id',
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** The request's id: the caller's X-Request-Id when sane, else its trace id, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  const trace = TRACEPARENT.exec(String(request.headers.traceparent ?? ''))?.[1];
  if (trace && !/^0+$/.test(trace)) return trace;
  return randomUUID();
}

async function hygiene(app: FastifyInstance, options: HttpHygieneOptions): Promise<void> {
  const https = options.publicUrl.startsWith('https:');
  // First, so that every answer names its request, the ones the hooks below refuse too.
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Built once (@fastify/helmet built the middleware again for every request: a tenth of a cache hit).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Public data is read from pages of any origin (through CORS, or as a plain link).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  // An OPTIONS request that is not a preflight (no Origin or Access-Control-Request-Method) gets a
  // problem+json 400 here rather than the CORS plugin's plain-text one.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'OPTIONS' || OWN_CORS.test(request.url)) return;
    if (request.headers.origin && request.headers['access-control-request-method']) return;
    throw new ObshubError(
      'BAD_REQUEST',
      'an OPTIONS request is a CORS preflight: it needs the Origin and Access-Control-Request-Method headers',
    );
  });
  const corsOf = {
    own: { origin: false },
    // An origin outside the list gets its preflight answered, without Access-Control-Allow-Origin.
    credentialed: {
      origin: [...options.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    },
    public: {
      origin: '*',
      methods: ['GET', 'HEAD'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    },
  };
  await app.register(cors, {
    hook: 'onRequest',
    delegator: (request, callback) => {
      const url = request.url ?? '';
      callback(
        null,
        OWN_CORS.test(url) ? corsOf.own : CREDENTIALED.test(url) ? corsOf.credentialed : corsOf.public,
      );
    },
  });
}

/** Registered before anything else answers (the OIDC provider's hand-off copies these headers too). */
export const httpHygiene = fp(hygiene, { name: 'obshub-http-hygiene' });
