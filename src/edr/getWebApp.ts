// GET /app/: where browsers land; a placeholder page until the web app is built.
import type { FastifyInstance } from 'fastify';
import { WEB_APP_PATH } from './getLandingPage.js';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>obshub</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>obshub</h1><p>The web app is coming. Meanwhile:</p>
<ul><li><a href="../docs">API documentation</a></li>
<li><a href="../collections/observations/locations">Stations (GeoJSON)</a></li>
<li><a href="../collections">Collections</a></li></ul></body></html>
`;

export function getWebApp(app: FastifyInstance): void {
  app.get(
    WEB_APP_PATH,
    // The web app's page is never limited (its API calls are).
    {
      config: { cacheSeconds: 300, permission: 'public', rateLimitGroup: 'none' },
      schema: { hide: true },
    },
    async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(PAGE),
  );
}
