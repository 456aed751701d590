// The ingest service as a Fastify plugin: POST /ingest/json and its E-SOH alias POST /json.
import type { FastifyInstance } from 'fastify';
import { rateLimitGroup } from '../gateway/index.js';
import { postIngestJson } from './postIngestJson.js';
import type { IngestService } from './service.js';

export { IngestService } from './service.js';
export type { IngestAuthoriser, IngestResult, IngestSettings } from './service.js';
export { fixedLimits, type IngestLimits } from './limits.js';

export interface IngestPluginOptions {
  service: IngestService;
  bodyLimitBytes: number;
}

export function ingestPlugin(options: IngestPluginOptions) {
  return async function ingest(app: FastifyInstance): Promise<void> {
    rateLimitGroup(app, 'ingest');
    postIngestJson(app, options.service, options.bodyLimitBytes);
  };
}
