// POST /ingest/json and its alias POST /json (E-SOH's path). One message or an array; gzip bodies; no Content-Type is JSON.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ObshubError } from '../core/errors.js';
import { EsohBatch, IngestResponse } from './esohMessage.js';
import type { IngestService } from './service.js';

const gunzipAsync = promisify(gunzip);
const JSON_TYPES = /^(application\/([\w.+-]+\+)?json|text\/plain)$/i;

async function decodeBody(request: FastifyRequest, raw: Buffer, limit: number): Promise<unknown> {
  if (raw.length === 0) {
    throw new ObshubError(
      'BODY_UNREADABLE',
      'the request body is empty; send one E-SOH message or a JSON array of them',
    );
  }
  const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
  let text: Buffer = raw;
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    try {
      text = await gunzipAsync(raw, { maxOutputLength: limit });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ObshubError(
          'BODY_TOO_LARGE',
          `the decompressed body exceeds the limit of ${limit} bytes (INGEST_BODY_LIMIT)`,
        );
      }
      throw new ObshubError('BODY_UNREADABLE', `the body is not valid gzip: ${(err as Error).message}`);
    }
  } else if (encoding !== 'identity') {
    throw new ObshubError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding "${encoding}" is not supported; use gzip or none`,
    );
  }
  try {
    return JSON.parse(text.toString('utf8'));
  } catch (err) {
    throw new ObshubError('BODY_UNREADABLE', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/** The hub's path and E-SOH's: the same route, answers and permission. */
const ROUTES = [
  {
    url: '/ingest/json',
    operationId: 'postIngestJson',
    summary: 'Ingest E-SOH observation messages',
    lead: 'Takes one E-SOH message or an array of them (compatible with E-SOH POST /json).',
  },
  {
    url: '/json',
    operationId: 'postJson',
    summary: 'Ingest E-SOH observation messages (E-SOH-compatible alias of POST /ingest/json)',
    lead: "E-SOH's path for POST /ingest/json, for E-SOH clients and loaders: the same body, answers and permission.",
  },
];

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
    decodeBody(request, raw as Buffer, bodyLimit).then(
      (body) => done(null, body),
      (err: Error) => done(err),
    );
  });

  const handler = async (request: FastifyRequest) => {
    const result = await service.ingest(request.principal, request.body, request.ip);
    request.log.debug({ stored: result.stored, duplicates: result.duplicates }, 'ingested');
    return { status_message: result.status_message, status_code: result.status_code };
  };
  for (const route of ROUTES) {
    app.post(
      route.url,
      {
        bodyLimit,
        schema: {
          operationId: route.operationId,
          summary: route.summary,
          description: `${route.lead} The whole batch is validated first; any problem rejects it with 422 listing every problem, and nothing is stored. Otherwise the batch is stored in one transaction before the answer is sent.`,
          tags: ['ingest'],
          body: EsohBatch,
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
