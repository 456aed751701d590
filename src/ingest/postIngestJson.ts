// POST /ingest/json and its alias POST /json (E-SOH's path). One message or an array; gzip bodies; no
// Content-Type is JSON. The body is handed to the ingest service as bytes (jsonBody.ts reads it).
import type { FastifyInstance } from 'fastify';
import { ObshubError } from '../core/errors.js';
import { esohBatchSchema } from './esohMessage.js';
import { isGzipEncoded } from './gzip.js';
import { postIngestRoutes } from './routes.js';
import type { IngestService, RawJsonBody } from './service.js';

const JSON_TYPES = /^(application\/([\w.+-]+\+)?json|text\/plain)$/i;

export function postIngestJson(app: FastifyInstance, service: IngestService, bodyLimit: number): void {
  // Scoped to this plugin: every Content-Type reaches this parser, which accepts JSON, text/plain and none
  // (E-SOH's own loader sends none) and refuses the rest with 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (request, raw, done) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (type !== '' && !JSON_TYPES.test(type)) {
      done(
        new ObshubError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Type "${type}" is not supported; send application/json`,
        ),
      );
      return;
    }
    // Unpacked, parsed and validated by the ingest service (in a validation worker when there are any).
    let gzip: boolean;
    try {
      gzip = isGzipEncoded(request.headers['content-encoding']);
    } catch (err) {
      done(err as Error);
      return;
    }
    const body: RawJsonBody = { bytes: raw as Buffer, gzip };
    done(null, body);
  });

  postIngestRoutes(
    app,
    {
      path: 'json',
      operationId: 'Json',
      summary: 'Ingest E-SOH observation messages',
      lead: 'Takes one E-SOH message or an array of them (compatible with E-SOH POST /json).',
      description:
        'At most INGEST_MAX_MESSAGES messages (413 above). The whole batch is validated first; any problem rejects it with 422 listing the problems (the first 100, with the number of invalid messages), and nothing is stored. Otherwise the batch is stored in one transaction before the answer is sent.',
      bodyLimit,
      body: esohBatchSchema(service.settings.ingestLimits),
    },
    (request) => service.ingestJson(request.principal, request.body as RawJsonBody, request.ip),
  );
}
