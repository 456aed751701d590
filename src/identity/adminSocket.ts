// `obshub admin` through a running hub. A hub on the embedded database holds DATA_DIR alone, so an admin
// command run beside it must not open the database itself: it sends its arguments to the hub over a
// local socket (owner-only permissions, like the master secret beside it) and the hub runs the command
// on its own storage, so the change is visible at once and audited. One JSON line each way.
import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { cliPrincipal, parseAdminArgs, runAdminInvocation, type AdminContext } from './adminCommands.js';

interface AdminRequest {
  args: string[];
  /** The operating-system user who ran the command, for the audit log. */
  user: string;
}

export interface AdminReply {
  code: number;
  out: string;
  err: string;
}

/** Longest request line accepted (arguments of an admin command are short). */
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * Where the hub of `dataDir` takes admin commands: DATA_DIR/obshub.sock, or a socket in the temporary
 * directory named after DATA_DIR when that path is too long for a Unix socket (about 104 bytes).
 */
export function adminSocketPath(dataDir: string): string {
  const inDataDir = path.join(path.resolve(dataDir), 'obshub.sock');
  if (Buffer.byteLength(inDataDir) < 100) return inDataDir;
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(tmpdir(), `obshub-${id}.sock`);
}

export interface AdminSocketServer {
  close(): Promise<void>;
}

function isRequest(value: unknown): value is AdminRequest {
  const r = value as AdminRequest | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Array.isArray(r.args) &&
    r.args.every((a) => typeof a === 'string') &&
    typeof r.user === 'string'
  );
}

async function answer(line: string, deps: Omit<AdminContext, 'principal'>): Promise<AdminReply> {
  const reply: AdminReply = { code: 1, out: '', err: '' };
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    /* answered below */
  }
  if (!isRequest(request)) return { ...reply, err: 'obshub: malformed admin request\n' };
  const io = { out: (t: string) => void (reply.out += t), err: (t: string) => void (reply.err += t) };
  const principal = cliPrincipal(request.user.slice(0, 64));
  reply.code = await runAdminInvocation(parseAdminArgs(request.args), { ...deps, principal }, io);
  return reply;
}

/** Takes admin commands on `socketPath` until closed. */
export async function serveAdminCommands(
  socketPath: string,
  deps: Omit<AdminContext, 'principal'>,
  log: Logger,
): Promise<AdminSocketServer> {
  const server: Server = createServer((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) {
        if (buffered.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.pause();
      answer(buffered.slice(0, end), deps)
        .catch((err: unknown) => {
          log.error({ component: 'admin', err }, 'admin command failed');
          return { code: 1, out: '', err: `obshub: the hub could not run the command: ${String(err)}\n` };
        })
        .then(
          (reply) => socket.end(`${JSON.stringify(reply)}\n`),
          () => socket.destroy(),
        );
    });
  });
  rmSync(socketPath, { force: true }); // left by a hub that ended without closing it
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** Runs an admin command inside the hub listening on `socketPath`. */
export function sendAdminCommand(socketPath: string, args: string[], user: string): Promise<AdminReply> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ args, user } satisfies AdminRequest)}\n`));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(JSON.parse(received) as AdminReply);
      } catch {
        reject(new Error('the hub closed the admin connection without an answer'));
      }
    });
  });
}
