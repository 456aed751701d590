// A Mosquitto of the test's own, on a free port, that the test can stop (SIGTERM or SIGKILL) and start
// again on the same port: an external broker going away. Configuration and persistence live in a temp
// directory; with persistence on, a clean stop keeps the sessions and queued messages of subscribers that
// connected with `clean: false`, as a production broker does.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './net.js';
import { waitUntil } from './reliability.js';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class Mosquitto {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'obshub-mosquitto-'));
  port = 0;
  log = '';

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    // Started as root, mosquitto runs as the user `mosquitto`: it must be able to write its persistence.
    chmodSync(this.dir, 0o777);
    const config = path.join(this.dir, 'mosquitto.conf');
    writeFileSync(
      config,
      [
        `listener ${this.port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${this.dir}/`,
        'autosave_interval 1',
        'max_queued_messages 0',
        'log_dest stderr',
        'log_type error',
        'log_type warning',
        '',
      ].join('\n'),
    );
    const child = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (this.log += d.toString()));
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`mosquitto exited: ${this.log}`);
        return accepts(this.port);
      },
      `mosquitto on port ${this.port}`,
      30_000,
      50,
    );
    return this;
  }

  /** Stops the broker and waits until its port is free again. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode === null) child.kill(signal);
    await this.exited;
    await waitUntil(async () => !(await accepts(this.port)), `port ${this.port} to close`, 30_000, 50);
  }

  async remove(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
