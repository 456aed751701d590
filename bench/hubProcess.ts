// The hub under test runs as its own process (node dist/main.js serve), as in production, so that the
// load generator does not share its event loop and its resident memory can be read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface HubProcess {
  url: string;
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

export async function startHubProcess(env: Record<string, string>): Promise<HubProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...hubNodeFlags(), 'dist/main.js', 'serve'], {
    env: { ...process.env, PORT: String(port), MQTT_PORT: '0', DEMO: 'off', LOG_LEVEL: 'warn', ...env },
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
    pid: child.pid!,
    rssMb: () => rssMbOf(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
