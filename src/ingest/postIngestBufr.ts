// POST /ingest/bufr and its alias POST /bufr (E-SOH's path): WMO BUFR files as E-SOH's multipart form
// (field `files`, one or several files) or as the raw body (Content-Type: application/bufr), each file or
// body plain or gzip. The files are read within the ingest body limit and the file count, then handed to
// the BUFR ingest (decode, map, validate, store in one transaction).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ObshubError } from '../core/errors.js';
import type { BufrFile } from './bufr/files.js';
import { BUFR_DEFAULT_LICENSE, type BufrIngest, type BufrIngestParams } from './bufrIngest.js';
import { gunzipWithin, isGzip, isGzipEncoded } from './gzip.js';
import { postIngestRoutes } from './routes.js';

const BUFR_TYPES = /^application\/(bufr|x-bufr|octet-stream)$/i;
/** The field of E-SOH's form. */
const FIELD = 'files';
/** What the raw body is called in problems, unless Content-Disposition names a file. */
const BODY = 'body';

/** The file name of a raw body's Content-Disposition (`attachment; filename="synop.bufr"`), if any. */
function bodyName(header: string | undefined): string {
  const [, quoted, bare] = /\bfilename=(?:"([^"]*)"|([^;\s]+))/i.exec(header ?? '') ?? [];
  const name = (quoted ?? bare ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return name || BODY;
}

const BufrQuery = Type.Object({
  naming_authority: Type.Optional(
    Type.String({
      description:
        "The naming authority of every observation (reverse DNS, e.g. nl.knmi). Default: the one naming authority the caller's organisation owns.",
    }),
  ),
  license: Type.Optional(
    Type.String({ description: `The licence of every observation. Default: ${BUFR_DEFAULT_LICENSE}.` }),
  ),
});

const binary = Type.String({ format: 'binary' });
const BufrBody = Type.Unsafe<unknown>({
  content: {
    'multipart/form-data': {
      schema: Type.Object({
        [FIELD]: Type.Array(binary, { description: 'BUFR files (plain or gzip), one or several' }),
      }),
    },
    'application/bufr': { schema: binary },
  },
});

/** The query parameters, checked here since the route's schema does not validate. */
function paramsOf(query: unknown): BufrIngestParams {
  const params: BufrIngestParams = {};
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (name !== 'naming_authority' && name !== 'license') continue;
    if (typeof value !== 'string') throw new ObshubError('BAD_REQUEST', `give ${name} once`);
    params[name] = value;
  }
  return params;
}

/** A multipart parser's error as ours: limits are 413, a broken form is 400. */
function formError(err: unknown, maxFiles: number, bodyLimit: number): unknown {
  if (err instanceof ObshubError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') {
    return new ObshubError(
      'BATCH_TOO_LARGE',
      `the form holds more than ${maxFiles} files (INGEST_BUFR_MAX_FILES); send fewer per request`,
    );
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new ObshubError(
      'BODY_TOO_LARGE',
      `a file is larger than the limit of ${bodyLimit} bytes (INGEST_BODY_LIMIT)`,
    );
  }
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ObshubError('BODY_TOO_LARGE', 'the form holds too many parts; send only the field files');
  }
  return new ObshubError(
    'BODY_UNREADABLE',
    `the multipart form could not be read: ${(err as Error).message}`,
    { cause: err },
  );
}

/** The files of E-SOH's form, gunzipped, within the body limit (all files together) and the file count. */
async function formFiles(request: FastifyRequest, bodyLimit: number, maxFiles: number): Promise<BufrFile[]> {
  const files: BufrFile[] = [];
  let total = 0;
  try {
    const parts = request.parts({
      limits: { files: maxFiles, fileSize: bodyLimit, fields: 10, parts: maxFiles + 10 },
    });
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      const name = part.filename || `${FIELD}[${files.length}]`;
      if (part.fieldname !== FIELD) {
        throw new ObshubError(
          'BODY_UNREADABLE',
          `the file "${name}" is in the field "${part.fieldname}"; send BUFR files in the field "${FIELD}"`,
        );
      }
      const raw = await part.toBuffer();
      const bytes = isGzip(raw) ? await gunzipWithin(raw, bodyLimit - total, `file "${name}"`) : raw;
      total += bytes.length;
      if (total > bodyLimit) {
        throw new ObshubError(
          'BODY_TOO_LARGE',
          `the files exceed the limit of ${bodyLimit} bytes together (INGEST_BODY_LIMIT)`,
        );
      }
      files.push({ name, bytes });
    }
  } catch (err) {
    throw formError(err, maxFiles, bodyLimit);
  }
  if (files.length === 0) {
    throw new ObshubError(
      'BODY_UNREADABLE',
      `the form holds no file; send BUFR files in the field "${FIELD}"`,
    );
  }
  return files;
}

export async function postIngestBufr(
  app: FastifyInstance,
  bufr: BufrIngest,
  bodyLimit: number,
): Promise<void> {
  const { maxFiles } = bufr.limits;
  // Scoped to this plugin: the multipart form, and a raw body of BUFR (or octet-stream); the rest is 415.
  app.removeAllContentTypeParsers();
  await app.register(multipart);
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (request, raw, done) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!BUFR_TYPES.test(type)) {
      done(
        new ObshubError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Type "${type}" is not supported; send application/bufr, or a multipart/form-data form with the field "${FIELD}"`,
        ),
      );
      return;
    }
    const body = raw as Buffer;
    Promise.resolve()
      .then(() =>
        isGzipEncoded(request.headers['content-encoding']) || isGzip(body)
          ? gunzipWithin(body, bodyLimit)
          : body,
      )
      .then(
        (bytes) => done(null, bytes),
        (err: Error) => done(err),
      );
  });

  postIngestRoutes(
    app,
    {
      path: 'bufr',
      operationId: 'Bufr',
      summary: 'Ingest WMO BUFR files',
      lead: `Takes WMO BUFR files (editions 3 and 4; surface templates such as TM 307080, 307096, 307091, 307092) as E-SOH's multipart form (field "${FIELD}", one or several files) or as the raw body (Content-Type: application/bufr); files and bodies may be gzip (compatible with E-SOH POST /bufr).`,
      description: `Each observed value becomes an E-SOH message (station from 0 01 125–0 01 128 or 0 01 001/0 01 002, time, position, level, period and cell method from the descriptors), validated and stored as POST /ingest/json does, all files in one transaction. At most INGEST_BUFR_MAX_FILES files, INGEST_BUFR_MAX_MESSAGES BUFR messages per file, INGEST_BODY_LIMIT bytes together and INGEST_MAX_MESSAGES E-SOH messages (413 above). A file that cannot be decoded is a 400 naming the file, the message and the byte offset; any other problem rejects the upload with 422 listing the problems, each naming the file, message, subset and descriptor; nothing is stored then.`,
      bodyLimit,
      body: BufrBody,
      querystring: BufrQuery,
    },
    async (request) => {
      const params = paramsOf(request.query);
      const files = request.isMultipart()
        ? await formFiles(request, bodyLimit, maxFiles)
        : [{ name: bodyName(request.headers['content-disposition']), bytes: request.body as Buffer }];
      if (files.length === 1 && files[0]!.bytes.length === 0) {
        throw new ObshubError('BODY_UNREADABLE', 'the request body is empty; send a BUFR file');
      }
      return bufr.ingest(request.principal, files, params, request.ip);
    },
  );
}
