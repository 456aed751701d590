// `obshub convert bufr <file…>`: decodes WMO BUFR files and prints the E-SOH messages that
// POST /ingest/bufr would make of them, so a provider can see what would be stored. No hub is needed.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  BUFR_DEFAULT_LICENSE,
  BUFR_LINKS,
  bufrFilesToEsoh,
  describeBufrProblem,
  isGzip,
  type BufrFile,
} from '../ingest/index.js';
import { CliError, parseCommand, type CliCommand } from './command.js';

const DEFAULT_AUTHORITY = 'local';

const usage = `Usage: obshub convert bufr <file…> [--naming-authority <name>] [--license <licence>] [--compact]

Decodes WMO BUFR files (editions 3 and 4, plain or gzip; - reads standard input) and prints the E-SOH
messages that POST /ingest/bufr would make of them: one JSON array, which POST /ingest/json accepts too.
A summary goes to standard error. Exits 1 naming the file, message and byte offset of what cannot be
decoded, and the file, message, subset and descriptor of values that cannot be mapped (the messages that
could be made are printed all the same).

  --naming-authority <name>  the naming authority of the observations (default ${DEFAULT_AUTHORITY}; the hub
                             uses your organisation's)
  --license <licence>        the licence of the observations (default ${BUFR_DEFAULT_LICENSE})
  --compact                  one line of JSON instead of indented JSON`;

function readBufr(file: string): BufrFile {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const name = file === '-' ? 'standard input' : file;
  if (!isGzip(bytes)) return { name, bytes };
  try {
    return { name, bytes: gunzipSync(bytes) };
  } catch (err) {
    throw new CliError(`${name}: not valid gzip (${(err as Error).message})`);
  }
}

export const convert: CliCommand = {
  summary: 'print the E-SOH messages a BUFR file makes (convert bufr <file…>)',
  usage,
  async run(args) {
    const parsed = parseCommand(
      args,
      usage,
      {
        'naming-authority': { type: 'string', default: DEFAULT_AUTHORITY },
        license: { type: 'string', default: BUFR_DEFAULT_LICENSE },
        compact: { type: 'boolean', default: false },
      },
      true,
    );
    if (!parsed) return 0;
    const [format, ...names] = parsed.positionals;
    if (format !== 'bufr') {
      throw new CliError(`${format ? `cannot convert "${format}"; ` : ''}name the format: bufr\n\n${usage}`);
    }
    if (names.length === 0) throw new CliError(`name at least one BUFR file\n\n${usage}`);
    const files = names.map(readBufr);
    const unlimited = Number.MAX_SAFE_INTEGER;
    const mapping = bufrFilesToEsoh(
      files,
      {
        namingAuthority: String(parsed.values['naming-authority']),
        license: String(parsed.values.license),
        links: BUFR_LINKS,
      },
      { maxMessagesPerFile: unlimited, maxEsohMessages: unlimited, maxValues: unlimited },
    );
    const indent = parsed.values.compact ? undefined : 2;
    process.stdout.write(`${JSON.stringify(mapping.messages, null, indent)}\n`);
    const problems = [...mapping.unreadable, ...mapping.problems];
    const unmapped = mapping.unmapped.length;
    process.stderr.write(
      `${files.length} file(s), ${mapping.bufrMessages} BUFR message(s): ${mapping.messages.length} E-SOH messages` +
        `${unmapped > 0 ? `; ${unmapped} measured values without an E-SOH mapping left out` : ''}\n`,
    );
    if (problems.length === 0) return 0;
    process.stderr.write(`${problems.map((p) => `obshub: ${describeBufrProblem(p)}`).join('\n')}\n`);
    return 1;
  },
};
