// POST /ingest/json and its alias POST /json (E-SOH's path). One message or an array; gzip bodies; no
// Content-Type is JSON.
// The body must be UTF-8 (nothing is silently replaced), and its shape is measured before it is parsed:
// too many messages, too long an array or too deep a nesting is refused without building the objects.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ObshubError } from '../core/errors.js';
import { scanBodyShape } from './bodyShape.js';
import { esohBatchSchema } from './esohMessage.js';
import { gunzipWithin, isGzipEncoded } from './gzip.js';
import { fixedLimits, tooManyMessages, type IngestLimits } from './limits.js';
import { postIngestRoutes } from './routes.js';
import type { IngestService } from './service.js';
const JSON_TYPES = /^(application\/([\w.+-]+\+)?json|text\/plain)$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's text: valid UTF-8 of an acceptable shape, or a 400/413/422. */
function bodyText(bytes: Buffer, limits: IngestLimits): string {
  const shape = scanBodyShape(bytes, {
    maxItems: limits.maxMessages,
    maxInnerItems: fixedLimits.arrayItems,
    maxDepth: fixedLimits.depth,
  });
  if (!shape.ok) {
    if ('tooManyItems' in shape) throw tooManyMessages(limits.maxMessages);
    const [path, message] =
      'tooLongAt' in shape
        ? [shape.tooLongAt, `has more than ${fixedLimits.arrayItems} items`]
        : [shape.tooDeepAt, `nests deeper than ${fixedLimits.depth} levels`];
    throw new ObshubError('INGEST_INVALID', '1 problem found; nothing was stored', {
      problems: [{ path, message }],
    });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ObshubError(
      'BODY_UNREADABLE',
      'the body is not valid UTF-8; send JSON encoded as UTF-8 (nothing is replaced or guessed)',
    );
  }
}

async function decodeBody(
  request: FastifyRequest,
  raw: Buffer,
  limit: number,
  limits: IngestLimits,
): Promise<unknown> {
  if (raw.length === 0) {
    throw new ObshubError(
      'BODY_UNREADABLE',
      'the request body is empty; send one E-SOH message or a JSON array of them',
    );
  }
  const text = isGzipEncoded(request.headers['content-encoding']) ? await gunzipWithin(raw, limit) : raw;
  const decoded = bodyText(text, limits);
  try {
    return JSON.parse(decoded);
  } catch (err) {
    throw new ObshubError('BODY_UNREADABLE', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

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
    decodeBody(request, raw as Buffer, bodyLimit, service.settings.ingestLimits).then(
      (body) => done(null, body),
      (err: Error) => done(err),
    );
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
    (request) => service.ingest(request.principal, request.body, request.ip),
  );
}
