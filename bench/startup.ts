// npm run bench:startup: how soon a hub answers, and how long its event loop stalls, as a user starts it.
// Starts `node dist/main.js serve` on a fresh embedded data directory with the demo feed (its backfill and
// the first retention run happen right after the start line), polls /health every 20 ms through the
// first 30 s, stops it with SIGTERM, then starts it again on the same directory. The longest /health
// answer bounds the longest event-loop stall from the outside. Absolute figures: there is no baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './hubProcess.js';

interface Started {
  child: ChildProcess;
  url: string;
  startMs: number;
  lines: string[];
}

async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/main.js', 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      MQTT_PORT: '0',
      DEMO: 'on',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      OBSHUB_ADMIN_PASSWORD: 'benchmark-admin-password',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"obshub serving')) {
          resolve({ child, url: `http://127.0.0.1:${port}`, startMs: performance.now() - t0, lines });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code}`)));
  });
}

/** Polls /health every 20 ms for `seconds`; the first and the longest answer times. */
async function pollHealth(url: string, seconds: number) {
  let first: number | undefined;
  let longest = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await fetch(`${url}/health`).then((r) => r.arrayBuffer());
    const ms = performance.now() - t;
    first ??= ms;
    longest = Math.max(longest, ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { firstHealthMs: Math.round(first ?? 0), longestHealthMs: Math.round(longest) };
}

async function stop(started: Started): Promise<number> {
  const t = performance.now();
  await new Promise<void>((resolve) => {
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
  return Math.round(performance.now() - t);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'obshub-bench-startup-'));
try {
  const first = await start(dataDir);
  const firstPoll = await pollHealth(first.url, 30);
  const backfilled = first.lines.some((l) => l.includes('demo feed backfilled'));
  const firstStop = await stop(first);
  const second = await start(dataDir);
  const secondPoll = await pollHealth(second.url, 15);
  const secondStop = await stop(second);
  const figures = {
    'first start: start line after (ms)': Math.round(first.startMs),
    'first start: first /health answer (ms)': firstPoll.firstHealthMs,
    'first start: longest /health answer in 30 s (ms)': firstPoll.longestHealthMs,
    'first start: demo backfill done within 30 s': backfilled,
    'first stop (ms)': firstStop,
    'second start: start line after (ms)': Math.round(second.startMs),
    'second start: first /health answer (ms)': secondPoll.firstHealthMs,
    'second start: longest /health answer in 15 s (ms)': secondPoll.longestHealthMs,
    'second stop (ms)': secondStop,
  };
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(52)} ${String(value)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
