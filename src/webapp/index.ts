// The web app under /app/: the files Vite built into dist/web (`npm run build`). Hashed assets are cached
// for a year; index.html, the service worker and the manifest are revalidated on every load. Paths of the
// app's own pages (/app/account, /app/callback…) answer index.html. Every answer carries a strict
// Content-Security-Policy: scripts and workers only from the hub itself (MapLibre's CSP build), connections
// to the hub and its MQTT WebSocket (and, with WEB_BASEMAP_TILES, images and fetches of the tile server).
// The app's settings travel in index.html as `<meta name="obshub-…">` elements, written in when the hub
// starts (that index.html is then sent as written, not from its precompressed copies).
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  /** WEB_BASEMAP_TILES (a raster tile URL template) and its attribution. */
  basemap?: { tiles: string; attribution?: string | undefined } | undefined;
  /** Where the built app is; default WEB_APP_ROOT. */
  root?: string;
}

/** The origin of a tile URL template (`https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`). */
export function tileOrigin(template: string): string {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template);
  if (!match) throw new Error(`not an http(s) URL template: ${template}`);
  return `${match[1]!.toLowerCase()}://${match[2]!.replace(/\{[^}]*\}/g, '*')}`;
}

/** The policy of every answer: nothing inline, nothing evaluated, no third party but a tile server set. */
export function contentSecurityPolicy(publicUrl: string, tiles?: string): string {
  const { host, protocol } = new URL(publicUrl);
  const ws = protocol === 'https:' ? `wss://${host}` : `ws://${host} wss://${host}`;
  const tileHost = tiles ? ` ${tileOrigin(tiles)}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${tileHost}`,
    "font-src 'self'",
    `connect-src 'self' ${ws}${tileHost}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** index.html with the app's settings as `<meta name="obshub-…">` elements (none: as built). */
function withSettings(html: string, options: WebAppOptions): { html: string; settings: boolean } {
  const meta: Record<string, string | undefined> = {
    'obshub-basemap-tiles': options.basemap?.tiles,
    'obshub-basemap-attribution': options.basemap?.attribution,
  };
  const escape = (v: string) =>
    v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const tags = Object.entries(meta)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => `<meta name="${name}" content="${escape(v!)}" />`);
  if (tags.length === 0) return { html, settings: false };
  return { html: html.replace('</head>', `${tags.join('')}</head>`), settings: true };
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
  const csp = contentSecurityPolicy(options.publicUrl, options.basemap?.tiles);
  return async function webApp(app: FastifyInstance): Promise<void> {
    const files = listFiles(root);
    if (files.size > 0) await app.register(fastifyStatic, { root, serve: false, preCompressed: true });
    const index = files.has('index.html')
      ? withSettings(readFileSync(path.join(root, 'index.html'), 'utf8'), options)
      : undefined;

    const send = (reply: FastifyReply, file: string) => {
      void reply
        .header('content-security-policy', csp)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin');
      if (file.startsWith('assets/')) {
        return reply.sendFile(file, { maxAge: YEAR_SECONDS * 1000, immutable: true });
      }
      if (file === 'index.html' && index !== undefined && index.settings) {
        return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index.html);
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
