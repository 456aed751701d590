// The `obshub` program as a user runs it, from source: one-shot commands and a serving hub.
import { spawn } from 'node:child_process';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', LOG_FORMAT: 'json', DEMO: 'off', ...env },
  });
}

/** Runs `obshub <args>` to its end. */
export function obshub(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = start(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export interface ServingObshub {
  /** The HTTP base URL from the start line. */
  url: string;
  pid: number;
  /** The start line's fields. */
  start: Record<string, unknown>;
  /** What it wrote so far. */
  output(): Run;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Run>;
}

/** The fields of the start line, once `stdout` holds it complete. */
export function startLine(stdout: string): Record<string, unknown> | undefined {
  const line = stdout
    .split('\n')
    .slice(0, -1)
    .find((l) => l.includes('"obshub serving'));
  return line ? (JSON.parse(line) as Record<string, unknown>) : undefined;
}

/** Starts `obshub serve` and resolves once it logged its start line (it answers from then on). */
export function serveObshub(env: Record<string, string>, args: string[] = []): Promise<ServingObshub> {
  return new Promise((resolve, reject) => {
    const child = start(['serve', ...args], env);
    let stdout = '';
    let stderr = '';
    const exited = new Promise<Run>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const fields = startLine(stdout);
      if (!fields) return;
      resolve({
        url: String(fields.url),
        pid: child.pid!,
        start: fields,
        output: () => ({ code: child.exitCode, stdout, stderr }),
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    child.on('error', reject);
    void exited.then((run) => reject(new Error(`obshub serve exited with ${run.code}: ${run.stderr}`)));
  });
}
