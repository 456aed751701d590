// The OpenAPI document of the hub (3.1, served by GET /openapi.json, browsable at /docs; and its 3.0
// rendering at /openapi-3.0.json): registered at the root before the services, so every route's schema
// (EDR, ingest, records, the admin API) is in it.
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

/**
 * Schema `examples` arrays (JSON Schema 2020-12, valid in OpenAPI 3.1) that @fastify/swagger leaves in
 * response content schemas become OpenAPI 3.0's single `example`. Parameter and media type `examples`
 * are maps, not arrays, and stay.
 */
function examplesTo30<T>(node: T): T {
  if (Array.isArray(node)) return node.map(examplesTo30) as T;
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === 'examples' && Array.isArray(value) ? ['example', value[0]] : [key, examplesTo30(value)],
    ),
  ) as T;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenAPI 3.0 rendering of the document that `swagger()` returns. */
    openApi30: FastifyInstance['swagger'];
  }
}

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
  // The document (OpenAPI 3.1, app.swagger()) and its OpenAPI 3.0 rendering for 3.0-only clients such as
  // OWSLib (app.openApi30()): the same routes, schemas converted by @fastify/swagger (nullable, example).
  for (const [version, decorator] of [
    ['3.1.0', 'swagger'],
    ['3.0.3', 'openApi30'],
  ] as const) {
    await app.register(swagger, {
      decorator,
      ...(version === '3.0.3' && {
        transformObject: (document) =>
          examplesTo30('openapiObject' in document ? document.openapiObject : document.swaggerObject),
      }),
      openapi: {
        openapi: version,
        info: {
          title: 'obshub',
          description:
            'Near-real-time surface weather observations: E-SOH compatible ingest, OGC API - EDR queries (compatible with the E-SOH public API, with radius and cube queries, CoverageJSON, GeoJSON and CSV output), discovery metadata, and the admin API of organisations, users, API keys and the audit log.',
          version: obshubVersion(),
          // OpenAPI 3.0 has no SPDX `identifier` in the license object; it takes a URL.
          license:
            version === '3.1.0'
              ? { name: 'Apache-2.0', identifier: 'Apache-2.0' }
              : { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
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
  }
  await app.register(async function docs(child) {
    publicRoutes(child);
    rateLimitGroup(child, 'none');
    await child.register(swaggerUi, { routePrefix: '/docs', uiConfig: { tryItOutEnabled: true } });
  });
}

/** Registered with fastify-plugin so that the document and its hook cover every route of the hub. */
export const openApi = fp(openApiPlugin, { name: 'obshub-openapi' });
