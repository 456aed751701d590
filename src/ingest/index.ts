// The ingest service as a Fastify plugin: POST /ingest/json and POST /ingest/bufr, with their E-SOH
// aliases POST /json and POST /bufr. Each format has its own context, with its own body parsers.
import type { FastifyInstance } from 'fastify';
import { rateLimitGroup } from '../gateway/index.js';
import { BufrIngest, type BufrIngestLimits, type OwnedAuthorities } from './bufrIngest.js';
import { postIngestBufr } from './postIngestBufr.js';
import { postIngestJson } from './postIngestJson.js';
import type { IngestService } from './service.js';

export { IngestService } from './service.js';
export type { IngestAuthoriser, IngestResult, IngestSettings, RawJsonBody } from './service.js';
export { ValidationPool } from './validationPool.js';
export { fixedLimits, type IngestLimits } from './limits.js';
export { BufrIngest, BUFR_DEFAULT_LICENSE, BUFR_LINKS } from './bufrIngest.js';
export type { BufrIngestLimits, BufrIngestParams, OwnedAuthorities } from './bufrIngest.js';
export { bufrFilesToEsoh, type BufrFile, type BufrFilesMapping } from './bufr/files.js';
export { describeProblem as describeBufrProblem } from './bufr/toEsoh.js';
export { isGzip } from './gzip.js';

export interface IngestPluginOptions {
  service: IngestService;
  bodyLimitBytes: number;
  bufrLimits: BufrIngestLimits;
  /** The naming authorities of the caller's organisation: BUFR's default naming authority. */
  ownedAuthorities: OwnedAuthorities;
}

export function ingestPlugin(options: IngestPluginOptions) {
  return async function ingest(app: FastifyInstance): Promise<void> {
    rateLimitGroup(app, 'ingest');
    await app.register(async (json) => postIngestJson(json, options.service, options.bodyLimitBytes));
    const bufr = new BufrIngest(options.service, options.bufrLimits, options.ownedAuthorities);
    await app.register((child) => postIngestBufr(child, bufr, options.bodyLimitBytes));
  };
}
