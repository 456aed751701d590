// Builds the web app into dist/web (served by the hub under /app/): hashed assets, a service worker that
// caches the shell and the last data (vite-plugin-pwa), and .br/.gz copies that the hub sends as they are.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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

export default defineConfig({
  base: '/app/',
  plugins: [
    react(),
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
  },
  server: {
    proxy: Object.fromEntries(
      ['/collections', '/api', '/oidc', '/openapi.json'].map((p) => [p, 'http://127.0.0.1:8080']),
    ),
  },
});
