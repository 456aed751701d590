// The hub under test runs as its own process (node dist/main.js serve), as in production, so that the
// load generator does not share its event loop and its resident memory can be read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { BENCH_NAMING_AUTHORITY } from './dataset.js';

export interface HubProcess {
  url: string;
  /** Headers of the benchmark's data provider: an API key with the ingest and read scopes. */
  providerHeaders: Record<string, string>;
  pid: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/**
 * Node flags for the hub process only, from BENCH_NODE_OPTIONS (e.g. `--cpu-prof --cpu-prof-dir=bench/profiles`
 * to profile the hub under the benchmark's load; the profile is written when the hub stops).
 */
function hubNodeFlags(): string[] {
  return (process.env.BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
}

/** Runs `obshub admin …` (before the hub starts: PGlite admits one process); resolves to its stdout. */
function adminCommand(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main.js', 'admin', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) =>
      code === 0
        ? resolve(out.trim())
        : reject(new Error(`obshub admin ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** The data provider of the benchmark, as a real one is set up: an organisation and an API key. */
async function createProvider(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  await adminCommand(
    ['org', 'create', 'bench', '--name', 'Benchmark provider', '--authority', BENCH_NAMING_AUTHORITY],
    env,
  );
  const key = await adminCommand(['api-key', 'create', '--org', 'bench', '--scopes', 'ingest,read'], env);
  return { authorization: `Bearer ${key}` };
}

/**
 * Starts `obshub serve` with `env` over the benchmark's defaults. With `withProvider` (the default) it first
 * creates the benchmark's data provider; a second process on the same database (a relay process) passes false.
 */
export async function startHubProcess(env: Record<string, string>, withProvider = true): Promise<HubProcess> {
  const port = await freePort();
  const hubEnv = {
    ...process.env,
    PORT: String(port),
    MQTT_PORT: '0',
    DEMO: 'off',
    LOG_LEVEL: 'warn',
    OBSHUB_SECRET: process.env.OBSHUB_SECRET ?? 'benchmark-secret-of-at-least-32-characters',
    OBSHUB_ADMIN_PASSWORD: 'benchmark-admin-password',
    // The load comes from one key and one address: limits far above it, so their cost is measured but
    // no request is refused.
    RATE_LIMIT_INGEST: '1000000000/PT1M',
    RATE_LIMIT_INGEST_ORG: '1000000000',
    RATE_LIMIT_QUERY: '1000000000/PT1M',
    RATE_LIMIT_QUERY_ORG: '1000000000',
    ...env,
  };
  const providerHeaders = withProvider ? await createProvider(hubEnv) : {};
  const child: ChildProcess = spawn(process.execPath, [...hubNodeFlags(), 'dist/main.js', 'serve'], {
    env: hubEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('the hub did not become ready within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    providerHeaders,
    pid: child.pid!,
    rssMb: () => rssMbOf(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
