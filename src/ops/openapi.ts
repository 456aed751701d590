// The one OpenAPI 3.1 document of the hub (served by GET /openapi.json, browsable at /docs): registered at
// the root before the services, so every route's schema (EDR, ingest, records, the admin API) is in it.
// Routes that need credentials get `security` from the permission they declare, unless they say it themselves.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { publicRoutes, rateLimitGroup } from '../gateway/index.js';
import { obshubVersion } from './systemStatus.js';

export interface OpenApiOptions {
  publicUrl: string;
  tags: { name: string; description: string }[];
  /** Data can be read without credentials (ANONYMOUS_READ). */
  anonymousRead: boolean;
}

const credentials = [{ apiKey: [] }, { bearer: [] }];

async function openApiPlugin(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || permission === 'public') return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    if (schema.hide || schema.security) return;
    // An empty requirement ({}) marks credentials as optional.
    schema.security =
      permission === 'observations:read' && options.anonymousRead ? [{}, ...credentials] : credentials;
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'obshub',
        description:
          'Near-real-time surface weather observations: E-SOH compatible ingest, OGC API - EDR queries (compatible with the E-SOH public API, with radius and cube queries, CoverageJSON, GeoJSON and CSV output), discovery metadata, and the admin API of organisations, users, API keys and the audit log.',
        version: obshubVersion(),
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: options.publicUrl }],
      tags: options.tags,
      components: {
        securitySchemes: {
          apiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-API-Key',
            description: 'An obshub API key (`obh_…`); also accepted as `Authorization: Bearer obh_…`',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An access token of a signed-in person or an OAuth 2.0 client, or an API key',
          },
        },
      },
    },
  });
  await app.register(async function docs(child) {
    publicRoutes(child);
    rateLimitGroup(child, 'none');
    await child.register(swaggerUi, { routePrefix: '/docs', uiConfig: { tryItOutEnabled: true } });
  });
}

/** Registered with fastify-plugin so that the document and its hook cover every route of the hub. */
export const openApi = fp(openApiPlugin, { name: 'obshub-openapi' });
