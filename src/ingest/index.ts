// The ingest service as a Fastify plugin: POST /ingest/json.
import type { FastifyInstance } from 'fastify';
import type { Storage } from '../storage/index.js';
import { postIngestJson } from './postIngestJson.js';
import { IngestService, type IngestSettings } from './service.js';

export { IngestService } from './service.js';
export type { IngestResult, IngestSettings } from './service.js';

export interface IngestPluginOptions extends IngestSettings {
  storage: Storage;
  bodyLimitBytes: number;
  service?: IngestService;
}

export function ingestPlugin(options: IngestPluginOptions) {
  return async function ingest(app: FastifyInstance): Promise<void> {
    const service = options.service ?? new IngestService(options.storage, options);
    postIngestJson(app, service, options.bodyLimitBytes);
  };
}
