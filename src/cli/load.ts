// `obshub load <file|dir|->`: sends E-SOH JSON files and WMO BUFR files (plain or gzipped) to a hub's
// ingest, several at a time, with progress on the terminal and a summary; exits 1 listing each file the
// hub refused and why.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BUFR_LINKS, bufrFilesToEsoh } from '../ingest/index.js';
import { CliError, parseCommand, type CliCommand } from './command.js';

const usage = `Usage: obshub load <file|directory|-> … [--url <hub>] [--key <API key>] [--parallel <n>]
                   [--naming-authority <name>]

Sends ingest files to a hub, each file one request: E-SOH JSON (.json, or .json.gz sent gzipped as it is)
to POST <hub>/ingest/json, holding one message or a JSON array of them; WMO BUFR (.bufr, .bufr.gz, or any
file that starts with "BUFR") to POST <hub>/ingest/bufr. A directory sends every such file in it; - reads
one body from standard input. Requests the hub answers 429 or 503 are retried (following Retry-After).
Exits 1 when any file was refused, naming each with the hub's reason.

  --url <hub>                the hub's base URL (default http://127.0.0.1:8080)
  --key <key>                an API key with the ingest scope (or --key-file <file> holding it)
  --parallel <n>             requests at once (default 4, at most 64)
  --naming-authority <name>  the naming authority of BUFR observations (default: the one your
                             organisation owns)`;

const RETRIES = 5;

interface Upload {
  name: string;
  body: Buffer<ArrayBuffer>;
  gzip: boolean;
  format: 'json' | 'bufr';
  observations: number;
}

const isIngestFile = (name: string) => /\.(json|bufr)(\.gz)?$/i.test(name);
/** BUFR: by its name, or by its first bytes ("BUFR", or a GTS heading before it; JSON starts otherwise). */
const isBufr = (name: string, bytes: Buffer) =>
  /\.bufr(\.gz)?$/i.test(name) ||
  (!/^\s*[[{]/.test(bytes.subarray(0, 16).toString('latin1')) &&
    bytes.subarray(0, 64).includes('BUFR', 0, 'latin1'));

function inputFiles(args: string[]): string[] {
  return args.flatMap((arg) => {
    if (arg === '-') return ['-'];
    const stat = statSync(arg, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`${arg}: no such file or directory`);
    if (!stat.isDirectory()) return [arg];
    const files = readdirSync(arg)
      .filter(isIngestFile)
      .sort()
      .map((f) => path.join(arg, f));
    if (files.length === 0) {
      throw new CliError(`${arg}: no .json, .json.gz, .bufr or .bufr.gz files in this directory`);
    }
    return files;
  });
}

function readUpload(file: string): Upload {
  const body = file === '-' ? readFileSync(0) : readFileSync(file);
  const gzip = body[0] === 0x1f && body[1] === 0x8b;
  const name = file === '-' ? 'standard input' : file;
  let plain: Buffer;
  try {
    plain = gzip ? gunzipSync(body) : body;
  } catch (err) {
    throw new CliError(`not valid gzip (${(err as Error).message})`);
  }
  if (isBufr(name, plain)) {
    // Counted here for the progress line; the hub decodes the file itself (and names what it refuses).
    const counted = bufrFilesToEsoh(
      [{ name, bytes: plain }],
      { namingAuthority: 'count.only', license: 'count-only', links: BUFR_LINKS },
      { maxMessagesPerFile: 1e6, maxEsohMessages: Number.MAX_SAFE_INTEGER, maxValues: 1e8 },
    );
    return { name, body, gzip, format: 'bufr', observations: counted.messages.length };
  }
  let observations = 0;
  try {
    const doc: unknown = JSON.parse(plain.toString('utf8'));
    observations = Array.isArray(doc) ? doc.length : 1;
  } catch (err) {
    throw new CliError(`not ${gzip ? 'gzipped ' : ''}JSON (${(err as Error).message})`);
  }
  return { name, body, gzip, format: 'json', observations };
}

/** The hub's reason for a refusal: a problem's detail and first errors, or E-SOH's detail. */
function reasonOf(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as {
      detail?: unknown;
      errors?: { path: string; message: string }[];
      title?: string;
    };
    const first = (body.errors ?? [])
      .slice(0, 3)
      .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
    const detail = typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail ?? body.title);
    return `${status} ${[detail, ...first.filter((text) => !detail.includes(text))].join('; ')}`;
  } catch {
    return `${status} ${text.slice(0, 200)}`;
  }
}

async function send(
  url: string,
  key: string | undefined,
  upload: Upload,
  namingAuthority: string | undefined,
): Promise<string | undefined> {
  const target =
    upload.format === 'json'
      ? `${url}/ingest/json`
      : `${url}/ingest/bufr${namingAuthority ? `?naming_authority=${encodeURIComponent(namingAuthority)}` : ''}`;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers: {
          ...(upload.format === 'json'
            ? { 'content-type': 'application/json' }
            : {
                'content-type': 'application/bufr',
                'content-disposition': `attachment; filename="${path.basename(upload.name).replaceAll('"', '')}"`,
              }),
          ...(upload.gzip ? { 'content-encoding': 'gzip' } : {}),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: upload.body,
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      if (attempt >= RETRIES) return `the hub at ${url} cannot be reached (${cause})`;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      continue;
    }
    const text = await response.text();
    if (response.ok) return undefined;
    if ((response.status === 429 || response.status === 503) && attempt < RETRIES) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 * 2 ** attempt;
      await new Promise((r) => setTimeout(r, Math.min(waitMs, 60_000)));
      continue;
    }
    return reasonOf(response.status, text);
  }
}

/** One status line, redrawn in place on a terminal; a line per file otherwise. */
function progress(total: number) {
  const started = performance.now();
  let files = 0;
  let observations = 0;
  const tty = process.stderr.isTTY === true;
  const rate = () => Math.round(observations / Math.max((performance.now() - started) / 1000, 0.001));
  return {
    done(upload: Upload, failure: string | undefined) {
      files++;
      if (!failure) observations += upload.observations;
      const width = 24;
      const filled = Math.round((files / total) * width);
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
      const line = `${bar} ${files}/${total} files  ${observations} observations  ${rate()} obs/s`;
      if (tty) process.stderr.write(`\r${line}`);
      else process.stderr.write(`${failure ? 'failed' : 'loaded'} ${upload.name}  (${line})\n`);
    },
    summary(failures: number) {
      if (tty) process.stderr.write('\n');
      const seconds = (performance.now() - started) / 1000;
      return `loaded ${files - failures} of ${files} files, ${observations} observations in ${seconds.toFixed(1)} s (${rate()} obs/s)`;
    },
  };
}

export const load: CliCommand = {
  summary: 'send E-SOH JSON and BUFR files (plain or .gz) to a hub, with progress and a summary',
  usage,
  async run(args) {
    const parsed = parseCommand(
      args,
      usage,
      {
        url: { type: 'string', default: 'http://127.0.0.1:8080' },
        key: { type: 'string' },
        'key-file': { type: 'string' },
        parallel: { type: 'string', default: '4' },
        'naming-authority': { type: 'string' },
      },
      true,
    );
    if (!parsed) return 0;
    if (parsed.positionals.length === 0)
      throw new CliError(`name at least one file or directory\n\n${usage}`);
    const parallel = Number(parsed.values.parallel);
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) {
      throw new CliError('--parallel takes a whole number from 1 to 64');
    }
    const url = String(parsed.values.url).replace(/\/+$/, '');
    const keyFile = parsed.values['key-file'];
    const key =
      typeof keyFile === 'string'
        ? readFileSync(keyFile, 'utf8').trim()
        : (parsed.values.key as string | undefined);
    const files = inputFiles(parsed.positionals);
    const report = progress(files.length);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        let upload: Upload;
        let failure: string | undefined;
        try {
          upload = readUpload(file);
          failure = await send(url, key, upload, parsed.values['naming-authority'] as string | undefined);
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          upload = { name: file, body: Buffer.alloc(0), gzip: false, format: 'json', observations: 0 };
          failure = err.message;
        }
        if (failure) failures.push(`${upload.name}: ${failure}`);
        report.done(upload, failure);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
    process.stdout.write(`${report.summary(failures.length)}\n`);
    if (failures.length === 0) return 0;
    process.stderr.write(
      `${failures.length} file(s) refused:\n${failures.map((f) => `  ${f}`).join('\n')}\n`,
    );
    return 1;
  },
};
