// Ingest throughput: E-SOH messages in batches of 1 000 through POST /ingest/json, several requests in
// flight, as providers send them.
import { type DatasetOptions, ingestBodies, observationCount } from '../dataset.js';
import { latencySummary } from '../stats.js';
import type { HubProcess } from '../hubProcess.js';

export interface IngestMeasurement {
  observations: number;
  seconds: number;
  perSecond: number;
  p50_ms: number;
  p99_ms: number;
}

export async function measureIngest(
  { url, providerHeaders }: Pick<HubProcess, 'url' | 'providerHeaders'>,
  dataset: DatasetOptions,
  concurrency = 4,
): Promise<IngestMeasurement> {
  // Up to 1 M observations the bodies are built before the clock starts; larger data sets are built as
  // they are sent (the builder then shares the machine with the hub).
  const source =
    observationCount(dataset) <= 1_000_000
      ? [...ingestBodies(dataset, 1000)].values()
      : ingestBodies(dataset, 1000);
  const latencies: number[] = [];
  let observations = 0;
  const started = performance.now();
  const worker = async () => {
    for (let next = source.next(); !next.done; next = source.next()) {
      const { body, count } = next.value;
      const t0 = performance.now();
      const res = await fetch(`${url}/ingest/json`, {
        method: 'POST',
        headers: { ...providerHeaders, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 500)}`);
      observations += count;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    observations,
    seconds,
    perSecond: Math.round(observations / seconds),
    ...latencySummary(latencies),
  };
}
