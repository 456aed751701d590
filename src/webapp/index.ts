// The web app under /app/: the files Vite built into dist/web (`npm run build`). Hashed assets are cached
// for a year; index.html, the service worker and the manifest are revalidated on every load. Paths of the
// app's own pages (/app/account, /app/callback…) answer index.html. Every answer carries a strict
// Content-Security-Policy: scripts and workers only from the hub itself (MapLibre's CSP build), connections
// to the hub and its MQTT WebSocket.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ObshubError } from '../core/errors.js';

const WEB_APP_PATH = '/app/';

/** dist/web, both from src/webapp (tests, tsx) and from dist/webapp (the built program). */
export const WEB_APP_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const YEAR_SECONDS = 365 * 24 * 3600;

export interface WebAppOptions {
  publicUrl: string;
  /** Where the built app is; default WEB_APP_ROOT. */
  root?: string;
}

/** The policy of every answer: nothing inline, nothing evaluated, no third party. */
export function contentSecurityPolicy(publicUrl: string): string {
  const { host, protocol } = new URL(publicUrl);
  const ws = protocol === 'https:' ? `wss://${host}` : `ws://${host} wss://${host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every file below `root` (relative, with forward slashes); empty when the app is not built. */
function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else files.add(rel);
    }
  };
  try {
    if (statSync(root).isDirectory()) walk('');
  } catch {
    // Not built: /app/ says so.
  }
  return files;
}

export function webAppPlugin(options: WebAppOptions) {
  const root = options.root ?? WEB_APP_ROOT;
  const csp = contentSecurityPolicy(options.publicUrl);
  return async function webApp(app: FastifyInstance): Promise<void> {
    const files = listFiles(root);
    if (files.size > 0) await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

    const send = (reply: FastifyReply, file: string) => {
      void reply
        .header('content-security-policy', csp)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin');
      if (file.startsWith('assets/')) {
        return reply.sendFile(file, { maxAge: YEAR_SECONDS * 1000, immutable: true });
      }
      return reply.header('cache-control', 'no-cache').sendFile(file, { cacheControl: false });
    };

    const page = (reply: FastifyReply) => {
      if (!files.has('index.html')) {
        return reply
          .code(503)
          .header('content-type', 'text/plain; charset=utf-8')
          .header('cache-control', 'no-store')
          .send('The web app is not built: run `npm run build`.\n');
      }
      return send(reply, 'index.html');
    };

    // Static files of the app: public, and never rate limited (a page load fetches many of them).
    const route = {
      config: { permission: 'public' as const, rateLimitGroup: 'none' as const },
      schema: { hide: true },
    };
    app.get('/app', route, async (_request, reply) => reply.redirect(WEB_APP_PATH, 301));
    app.get(WEB_APP_PATH, route, async (_request, reply) => page(reply));
    app.get<{ Params: { '*': string } }>(`${WEB_APP_PATH}*`, route, async (request, reply) => {
      const file = request.params['*'];
      if (files.has(file) && !/\.(br|gz)$/.test(file)) return send(reply, file);
      // A file that is not there is a 404 (problem+json, as every 4xx); any other path is a page of the app.
      if (/\.[a-z0-9]+$/i.test(file)) {
        throw new ObshubError('NOT_FOUND', 'no such file in the web app');
      }
      return page(reply);
    });
  };
}
