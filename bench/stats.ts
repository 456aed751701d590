// Percentiles and the result record every scenario reports.

export interface ScenarioResult {
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  /** What was measured, for the table. */
  note?: string;
  target?: { text: string; met: boolean };
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

export function latencySummary(samplesMs: number[]): { p50_ms: number; p99_ms: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)) };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
