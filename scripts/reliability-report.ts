// Prints the README's "Reliability" figures (Markdown) from test-results/reliability.json, which the
// reliability suite writes (`npm run test:reliability`, or `:ci` for the small size); `--write` replaces
// them in the README between the reliability markers. test/unit/readme.test.ts checks that the section
// is there and well formed, without running the suite.
import { readFileSync, writeFileSync } from 'node:fs';
import type { FaultFigures, ReliabilityResults } from '../test/support/reliability.js';

export const RELIABILITY_SECTION = /(<!-- reliability:start[^>]*-->\n)([\s\S]*?)(\n<!-- reliability:end -->)/;

/** The faults in the order the suite runs them, with their row names. */
export const FAULTS: [key: string, label: string][] = [
  ['kill', 'hub killed (SIGKILL) mid-ingest, restarted'],
  ['broker', 'MQTT broker (Mosquitto) stopped, restarted on the same port'],
  ['database', 'database connections cut, then stalled (TCP proxy), healed'],
];

const n = (value: number) => value.toLocaleString('en-US');

function faultRow(label: string, f: FaultFigures): string {
  return `| ${label}: ${f.fault} | ${n(f.acknowledged)} | ${n(f.lost)} | ${n(f.announced)} | ${n(f.refused)} | ${n(f.unexpected)} | ${f.seconds} |`;
}

export function reliabilityTables(results: ReliabilityResults): string {
  const lines = [
    `Size \`${results.scale}\`${results.scale === 'full' ? ' (`npm run test:reliability`)' : ' (`npm run test:reliability:ci`)'}, measured ${results.updated.slice(0, 10)} on a 2-core machine.`,
    '',
  ];
  const fuzz = results.fuzz;
  if (fuzz) {
    lines.push(
      '| HTTP fuzz | Requests tried | Routes | 5xx | 503 (busy) | 4xx | Heap growth | RSS growth | Seconds |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
      `| seed ${fuzz.seed}, ${fuzz.database} | ${n(fuzz.requests)} | ${fuzz.routes} | ${n(fuzz.status5xx)} | ${n(fuzz.status503)} | ${n(fuzz.status4xx)} | ${fuzz.heapGrowthMb} MB | ${fuzz.rssGrowthMb} MB | ${fuzz.seconds} |`,
      '',
    );
  }
  const faults = results.faults ?? {};
  lines.push(
    '| Fault (PostgreSQL, Mosquitto) | Observations acknowledged | Lost | Announced | Requests not acknowledged | Other answers (5xx) | Seconds |',
    '|---|--:|--:|--:|--:|--:|--:|',
  );
  for (const [key, label] of FAULTS) {
    const f = faults[key];
    lines.push(f ? faultRow(label, f) : `| ${label}: not measured | | | | | | |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(readFileSync('test-results/reliability.json', 'utf8')) as ReliabilityResults;
  const tables = reliabilityTables(results);
  if (process.argv.includes('--write')) {
    const readme = readFileSync('README.md', 'utf8');
    if (!RELIABILITY_SECTION.test(readme)) throw new Error('README.md has no reliability markers');
    writeFileSync(
      'README.md',
      readme.replace(
        RELIABILITY_SECTION,
        (_, start: string, _old: string, end: string) => start + tables + end,
      ),
    );
  } else console.log(tables);
}
