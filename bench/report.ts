// The benchmark report: a Markdown table on stdout and bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { ScenarioResult } from './stats.js';

export interface Report {
  machine: { cpus: number; cpu: string; memoryGb: number; node: string; platform: string };
  mode: 'embedded' | 'postgres';
  quick: boolean;
  /** True when the relay and the broker ran in a process of their own (`--relay-process`). */
  relayProcess: boolean;
  dataset: Record<string, number>;
  date: string;
  scenarios: Record<string, ScenarioResult>;
}

export function machine(): Report['machine'] {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : String(x);

export function markdown(report: Report): string {
  const lines = [
    `obshub benchmark, ${report.mode} mode${report.quick ? ' (quick)' : ''}${report.relayProcess ? ', relay and broker in their own process' : ''}, ${report.date}`,
    `machine: ${report.machine.cpus} × ${report.machine.cpu}, ${report.machine.memoryGb} GB, Node ${report.machine.node}`,
    `data set: ${Object.entries(report.dataset)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    '',
    '| scenario | value | unit | baseline | ratio | p50 ms | p99 ms | target |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, r] of Object.entries(report.scenarios)) {
    const target = r.target ? `${r.target.text}: ${r.target.met ? 'met' : 'not met'}` : '—';
    lines.push(
      `| ${name} | ${fmt(r.value)} | ${r.unit} | ${fmt(r.baseline)} | ${fmt(r.ratio)} | ${fmt(r.p50_ms)} | ${fmt(r.p99_ms)} | ${target} |`,
    );
  }
  return lines.join('\n');
}

export function writeReport(report: Report): string {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('latest.json', dir);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file.pathname;
}
