// BUFR decoding throughput: the surface files of the decoder's corpus (packages/bufr/corpus, TM 307080,
// 307096, 307091, 307092, compressed and not), copied into one file many times, decoded by @obshub/bufr
// (messages/s and values/s) and, as the baseline, by ecCodes on the same bytes when it is installed:
// `bufr_filter` with `set unpack=1;` (decoding only, one process for the whole file). Without ecCodes the
// baseline is reading the bytes and finding the messages' starts. Also: decoding and mapping to E-SOH
// messages, the work POST /ingest/bufr does before validation. Rates are per second of CPU time (user +
// system, of this process or of the ecCodes process), so other work on a busy machine does not skew them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bufrMessages } from '@obshub/bufr';
import { BUFR_LINKS, bufrFilesToEsoh } from '../../src/ingest/index.js';
import { round } from '../stats.js';

const CORPUS = new URL('../../packages/bufr/corpus/', import.meta.url);

export interface BufrThroughput {
  files: number;
  messagesPerCopy: number;
  copies: number;
  /** @obshub/bufr: decoded messages and values per second. */
  messagesPerSecond: number;
  valuesPerSecond: number;
  /** Decoding and mapping to E-SOH messages (per second, BUFR messages in, E-SOH messages out). */
  esohMessagesPerSecond: number;
  /** The baseline on the same bytes: ecCodes' bufr_filter (unpack) or, without it, reading the bytes. */
  baseline: { name: string; messagesPerSecond: number };
}

/** Runs `work` repeatedly for about `seconds` of CPU time; returns its runs per CPU second. */
function rate(seconds: number, work: () => void): number {
  let runs = 0;
  const start = process.cpuUsage();
  const used = () => {
    const { user, system } = process.cpuUsage(start);
    return (user + system) / 1e6;
  };
  do {
    work();
    runs++;
  } while (used() < seconds);
  return runs / used();
}

/** CPU seconds (user + system) `command` takes, from the shell's `times` (its children's line). */
function childCpuSeconds(command: string, args: string[]): number {
  const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const out = execFileSync('sh', ['-c', `${quoted} >/dev/null; times`], { encoding: 'utf8' });
  const children = out.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`cannot read the CPU time of ${command}: ${out}`);
  return seconds[0]! + seconds[1]!;
}

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

export function measureBufrDecode(options: { seconds: number; copies?: number }): BufrThroughput {
  const names = readdirSync(CORPUS).filter((f) => /^(synop|surface|gts)-.*\.bufr$/.test(f));
  const one = Buffer.concat(names.map((f) => readFileSync(new URL(f, CORPUS))));
  const copies = options.copies ?? 100;
  const bytes = Buffer.concat(Array.from({ length: copies }, () => one));
  let messagesPerCopy = 0;
  let valuesPerCopy = 0;
  for (const message of bufrMessages(one)) {
    messagesPerCopy++;
    for (const subset of message.subsets) valuesPerCopy += subset.length;
  }
  const messages = messagesPerCopy * copies;

  const decodes = rate(options.seconds, () => {
    for (const message of bufrMessages(bytes)) if (message.subsets.length === 0) throw new Error('empty');
  });
  const files = [{ name: 'bench.bufr', bytes }];
  const unlimited = Number.MAX_SAFE_INTEGER;
  let esohMessages = 0;
  const mappings = rate(options.seconds, () => {
    esohMessages = bufrFilesToEsoh(
      files,
      { namingAuthority: 'bench.obshub', license: 'CC-BY-4.0', links: BUFR_LINKS },
      { maxMessagesPerFile: unlimited, maxEsohMessages: unlimited, maxValues: unlimited },
    ).messages.length;
  });

  let baseline: BufrThroughput['baseline'];
  if (hasCommand('bufr_filter')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'obshub-bench-bufr-'));
    try {
      const file = path.join(dir, 'bench.bufr');
      const rules = path.join(dir, 'unpack.rules');
      writeFileSync(file, bytes);
      writeFileSync(rules, 'set unpack=1;\n');
      let cpu = 0;
      let runs = 0;
      do {
        cpu += childCpuSeconds('bufr_filter', [rules, file]);
        runs++;
      } while (cpu < options.seconds);
      baseline = {
        name: 'ecCodes bufr_filter (unpack)',
        messagesPerSecond: round((runs * messages) / cpu, 0),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const reads = rate(options.seconds, () => {
      let found = 0;
      for (let at = bytes.indexOf('BUFR'); at !== -1; at = bytes.indexOf('BUFR', at + 4)) found++;
      if (found < messages) throw new Error('messages not found');
    });
    baseline = { name: 'reading the bytes (no ecCodes)', messagesPerSecond: round(reads * messages, 0) };
  }
  return {
    files: names.length,
    messagesPerCopy,
    copies,
    messagesPerSecond: round(decodes * messages, 0),
    valuesPerSecond: round(decodes * valuesPerCopy * copies, 0),
    esohMessagesPerSecond: round(mappings * esohMessages, 0),
    baseline,
  };
}
