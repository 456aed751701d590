// Every ingest format has two paths: the hub's own (POST /ingest/<format>) and E-SOH's (POST /<format>),
// an alias with the same body, answers and permission, for E-SOH clients and loaders. Both are declared here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { IngestResponse } from './esohMessage.js';
import type { IngestResult } from './service.js';

export interface IngestRoutes {
  /** The format's path segment: `json` gives POST /ingest/json and POST /json. */
  path: string;
  /** Suffix of the operation ids: `Json` gives postIngestJson and postJson. */
  operationId: string;
  summary: string;
  /** The first sentence of the description: what the route takes. */
  lead: string;
  /** The rest of the description: limits, answers. */
  description: string;
  bodyLimit: number;
  body: TSchema;
  querystring?: TSchema;
}

export function postIngestRoutes(
  app: FastifyInstance,
  routes: IngestRoutes,
  ingest: (request: FastifyRequest) => Promise<IngestResult>,
): void {
  const handler = async (request: FastifyRequest) => {
    const result = await ingest(request);
    request.log.debug({ stored: result.stored, duplicates: result.duplicates }, 'ingested');
    return { status_message: result.status_message, status_code: result.status_code };
  };
  const variants = [
    {
      url: `/ingest/${routes.path}`,
      operationId: `postIngest${routes.operationId}`,
      summary: routes.summary,
      lead: routes.lead,
    },
    {
      url: `/${routes.path}`,
      operationId: `post${routes.operationId}`,
      summary: `${routes.summary} (E-SOH-compatible alias of POST /ingest/${routes.path})`,
      lead: `E-SOH's path for POST /ingest/${routes.path}, for E-SOH clients and loaders: the same body, answers and permission.`,
    },
  ];
  for (const variant of variants) {
    app.post(
      variant.url,
      {
        bodyLimit: routes.bodyLimit,
        schema: {
          operationId: variant.operationId,
          summary: variant.summary,
          description: `${variant.lead} ${routes.description}`,
          tags: ['ingest'],
          body: routes.body,
          ...(routes.querystring ? { querystring: routes.querystring } : {}),
          response: { 200: IngestResponse },
          security: [{ apiKey: [] }, { bearer: [] }],
        },
        config: { permission: 'observations:ingest' },
        // The body is validated by the ingest service, which reports every problem at once.
        validatorCompiler: () => () => true,
      },
      handler,
    );
  }
}
