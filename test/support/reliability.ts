// The reliability suite's two sizes and its figures. RELIABILITY_SCALE picks the size: `small` (CI,
// `npm run test:reliability:ci`), `full` (`npm run test:reliability`); unset, the HTTP fuzz runs a modest
// count inside the normal suite. Each test merges its figures into test-results/reliability.json, which
// `npx tsx scripts/reliability-report.ts --write` turns into the README's "Reliability" section.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export type Scale = 'suite' | 'small' | 'full';

export const scale: Scale = (() => {
  const value = process.env.RELIABILITY_SCALE ?? 'suite';
  if (value !== 'suite' && value !== 'small' && value !== 'full')
    throw new Error(`RELIABILITY_SCALE must be small or full, not ${value}`);
  return value;
})();

/** The value of `sizes` for the current scale. */
export function sized<T>(sizes: Record<Scale, T>): T {
  return sizes[scale];
}

export const RESULTS_FILE = new URL('../../test-results/reliability.json', import.meta.url);

export interface FuzzFigures {
  database: string;
  requests: number;
  routes: number;
  seed: number;
  status5xx: number;
  status503: number;
  status4xx: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
  peakRssMb: number;
  seconds: number;
}

export interface FaultFigures {
  database: string;
  /** Ingest requests answered 200, and the observations they held. */
  acknowledged: number;
  /** Acknowledged observations missing from the database at the end. */
  lost: number;
  /** Acknowledged observations whose WIS2 notification reached the subscriber. */
  announced: number;
  /** Ingest requests that got no acknowledgement (refused with 503, timed out, connection reset). */
  refused: number;
  /** Answers that were 500 or any other unexpected status. */
  unexpected: number;
  seconds: number;
  /** What the fault was (e.g. "3 × kill -9", "broker down 30 s"). */
  fault: string;
  /** Observations acknowledged while the fault lasted (the broker away: ingest goes on). */
  acknowledgedDuringFault?: number;
  /** Query answers by status while the database was away and after. */
  queries?: Record<string, number>;
}

export interface ReliabilityResults {
  scale: Scale;
  updated: string;
  fuzz?: FuzzFigures;
  faults?: Record<string, FaultFigures>;
}

function read(): Partial<ReliabilityResults> {
  try {
    return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Partial<ReliabilityResults>;
  } catch {
    return {};
  }
}

/**
 * Merges figures into the results file. Figures of another scale are dropped, so the file always
 * describes one run's size.
 */
export function recordFigures(update: { fuzz?: FuzzFigures; fault?: [string, FaultFigures] }): void {
  const previous = read();
  const sameRun = previous.scale === scale;
  const next: ReliabilityResults = {
    scale,
    updated: new Date().toISOString(),
    ...(sameRun && previous.fuzz ? { fuzz: previous.fuzz } : {}),
    ...(sameRun && previous.faults ? { faults: previous.faults } : {}),
  };
  if (update.fuzz) next.fuzz = update.fuzz;
  if (update.fault) next.faults = { ...next.faults, [update.fault[0]]: update.fault[1] };
  mkdirSync(new URL('.', RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(next, null, 2)}\n`);
}

/** Polls `condition` every `everyMs` until it holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
