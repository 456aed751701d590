// Turns ecCodes' `bufr_dump -j f` of every corpus file into corpus/expected/<file>.json, the form the tests
// compare the decoder with. Needs ecCodes' tools (apt-get install libeccodes-tools libeccodes-data).
//
//   tsx scripts/dump-corpus.ts           writes the expected files
//   tsx scripts/dump-corpus.ts --check   regenerates them in memory and fails unless they equal the
//                                        committed ones and the decoder's output, value for value
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  corpusDir,
  corpusFiles,
  decodeFile,
  differences,
  type Entry,
  type Expected,
  expectedDir,
  formatExpected,
  valueCount,
} from './corpus.js';

interface DumpEntry {
  key: string;
  code?: string;
  value: number | string | null | (number | string | null)[];
  units?: string;
  scale?: number;
  reference?: number;
  width?: number;
  associatedField?: { value: number };
}

const run = (command: string, args: string[]): string =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });

/** One message's flat dump, split into subsets (compressed values come as arrays, or once for all). */
function subsetsOf(dump: DumpEntry[], numberOfSubsets: number): Entry[][] {
  const entry = (e: DumpEntry, value: Entry[1]): Entry => {
    const out: Entry = [e.code!, value, e.units!, e.scale!, e.reference!, e.width!];
    if (e.associatedField) out.push(e.associatedField.value);
    return out;
  };
  const unknown = dump.find((e) => e.code === undefined && e.key !== 'subsetNumber');
  if (unknown) throw new Error(`bufr_dump entry without a code: ${JSON.stringify(unknown)}`);
  if (dump.some((e) => e.key === 'subsetNumber')) {
    const subsets: Entry[][] = [];
    for (const e of dump) {
      if (e.key === 'subsetNumber') subsets.push([]);
      else subsets.at(-1)!.push(entry(e, e.value as Entry[1]));
    }
    return subsets;
  }
  return Array.from({ length: numberOfSubsets }, (_, s) =>
    dump.map((e) => entry(e, Array.isArray(e.value) ? (e.value[s] ?? null) : e.value)),
  );
}

/** What ecCodes decodes from one corpus file. */
function dumpFile(file: string, scratch: string): Expected {
  const source = path.join(corpusDir.pathname, file);
  const count = Number(run('bufr_count', [source]).trim());
  const messages = [];
  for (let k = 1; k <= count; k++) {
    const single = path.join(scratch, 'message.bufr');
    run('bufr_copy', ['-w', `count=${k}`, source, single]);
    const numberOfSubsets = Number(run('bufr_get', ['-p', 'numberOfSubsets', single]).trim());
    const dump = JSON.parse(run('bufr_dump', ['-j', 'f', single])) as { messages: DumpEntry[] };
    messages.push({ subsets: subsetsOf(dump.messages, numberOfSubsets) });
  }
  return { file, messages };
}

const check = process.argv.includes('--check');
const scratch = mkdtempSync(path.join(tmpdir(), 'bufr-corpus-'));
let failures = 0;
let values = 0;
const files = corpusFiles();
try {
  mkdirSync(expectedDir, { recursive: true });
  for (const file of files) {
    const expected = dumpFile(file, scratch);
    const text = formatExpected(expected);
    const target = new URL(`${file}.json`, expectedDir);
    const problems = differences(
      expected.messages,
      decodeFile(readFileSync(path.join(corpusDir.pathname, file))),
    );
    if (check && readFileSync(target, 'utf8') !== text)
      problems.unshift('the committed dump differs from bufr_dump');
    if (!check) writeFileSync(target, text);
    values += valueCount(expected.messages);
    if (problems.length > 0) {
      failures++;
      console.log(`${file}: ${problems.length} differences\n  ${problems.slice(0, 10).join('\n  ')}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(
  `${files.length} files, ${values} values compared with bufr_dump (ecCodes ${run('codes_info', ['-v']).trim()}): ` +
    `${failures === 0 ? 'no differences' : `${failures} files differ`}`,
);
process.exitCode = failures === 0 ? 0 : 1;
