// Builds the web app into dist/web (served by the hub under /app/): hashed assets, a service worker that
// caches the shell and the last data (vite-plugin-pwa), and .br/.gz copies that the hub sends as they are.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { basemapPlugin } from './scripts/basemap';

const outDir = path.resolve(import.meta.dirname, '../dist/web');

/** Writes `file.br` and `file.gz` beside every text asset the bundle emitted. */
function precompress(): Plugin {
  return {
    name: 'obshub-precompress',
    apply: 'build',
    enforce: 'post',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
          if (!/\.(js|css|html|json|svg|webmanifest)$/.test(file) || file.startsWith('.vite')) continue;
          const full = path.join(outDir, file);
          const body = readFileSync(full);
          writeFileSync(
            `${full}.br`,
            brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
          );
          writeFileSync(`${full}.gz`, gzipSync(body, { level: 9 }));
        }
      },
    },
  };
}

/**
 * The entry chunk (main.tsx) is small: it starts the map's data fetches, then imports the app
 * (start.tsx). index.html preloads the app's chunks (and their CSS) beside it, so that they download and
 * compile in parallel with it rather than after it.
 */
function preloadApp(): Plugin {
  return {
    name: 'obshub-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const { bundle, chunk: entry } = ctx;
        if (!bundle || !entry) return undefined;
        // What the entry brings itself (Vite writes those tags already).
        const scripts = new Set<string>([entry.fileName]);
        const styles = new Set<string>(entry.viteMetadata?.importedCss ?? []);
        const own = new Set([...scripts, ...styles, ...entry.imports]);
        const add = (file: string) => {
          const chunk = bundle[file];
          if (scripts.has(file) || chunk?.type !== 'chunk') return;
          scripts.add(file);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          chunk.imports.forEach(add);
        };
        for (const file of entry.dynamicImports) {
          const chunk = bundle[file];
          if (chunk?.type === 'chunk' && chunk.facadeModuleId?.endsWith('/src/start.tsx')) add(file);
        }
        const base = '/app/';
        // MapLibre's worker script: fetched with the page (into the HTTP cache, where the worker MapLibre
        // starts finds it) rather than once the MapLibre chunk has run.
        const worker = Object.keys(bundle).find((f) => /maplibre-gl-csp-worker-[\w-]+\.js$/.test(f));
        return [
          ...(worker
            ? [
                {
                  tag: 'link',
                  attrs: { rel: 'preload', as: 'fetch', crossorigin: true, href: `${base}${worker}` },
                  injectTo: 'head' as const,
                },
              ]
            : []),
          ...[...styles]
            .filter((f) => !own.has(f))
            .map((href) => ({
              tag: 'link',
              attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${href}` },
              injectTo: 'head' as const,
            })),
          ...[...scripts]
            .filter((f) => !own.has(f))
            .map((href) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${href}` },
              injectTo: 'head' as const,
            })),
        ];
      },
    },
  };
}

export default defineConfig({
  base: '/app/',
  plugins: [
    react(),
    basemapPlugin(),
    preloadApp(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'obshub: live weather observations',
        short_name: 'obshub',
        description: 'A live map of surface weather observations, with charts and downloads.',
        start_url: '/app/',
        scope: '/app/',
        display: 'standalone',
        background_color: '#0f1720',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,json,webmanifest}'],
        navigateFallback: '/app/index.html',
        navigateFallbackAllowlist: [/^\/app\//],
        cleanupOutdatedCaches: true,
        // The first visit's worker takes over at once, so that it keeps the data the map loads next.
        clientsClaim: true,
        skipWaiting: true,
        // The last data the map showed, so the app opens offline with it (behind a banner).
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/collections/observations'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'obshub-data',
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 60 },
            },
          },
        ],
      },
    }),
    precompress(),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // MapLibre and React in chunks of their own: fetched and compiled in parallel with the app's.
        codeSplitting: {
          groups: [
            // Its code only: its CSS goes with the app's, before it (main.tsx).
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/].*\.js$/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ['/collections', '/api', '/oidc', '/openapi.json'].map((p) => [p, 'http://127.0.0.1:8080']),
    ),
  },
});
