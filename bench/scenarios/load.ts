// HTTP load with autocannon: requests per second and latency percentiles for a list of paths, cycled.
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

export async function measureLoad(
  base: string,
  paths: readonly string[],
  options: { connections?: number; seconds?: number } = {},
): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: options.connections ?? 32,
    duration: options.seconds ?? 10,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  const errors = result.errors + result.non2xx;
  if (errors > 0) console.error(`# ${errors} failed requests against ${base}${paths[0]}`);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors,
  };
}
