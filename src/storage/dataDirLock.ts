// One process at a time in an embedded data directory. Two PGlite instances writing one directory
// corrupt it silently, so the process that opens the embedded database first writes DATA_DIR/obshub.lock
// (created exclusively) with its pid; others find it held while that process lives. The holder may also
// publish where it takes admin commands (its admin socket), so `obshub admin` can act through it.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ObshubError } from '../core/errors.js';

export interface DataDirOwner {
  pid: number;
  /** Where the holder takes `obshub admin` commands, once it does. */
  adminSocket?: string;
}

export interface DataDirLock {
  /** Records the holder's admin socket in the lock, for `obshub admin`. */
  publishAdminSocket(socketPath: string): void;
  release(): void;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'obshub.lock');
/** Directories this process holds (a second Storage on one directory in one process is refused too). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // a lock left by an earlier life of this pid (e.g. pid 1 in a container)
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

function read(file: string): DataDirOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as DataDirOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The live process holding `dataDir`, if any. */
export function dataDirOwner(dataDir: string): DataDirOwner | undefined {
  const owner = read(lockFile(dataDir));
  return owner && alive(owner.pid) ? owner : undefined;
}

/** Takes the data directory or throws DATA_DIR_IN_USE naming the process that holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(lockFile(dataDir));
  if (heldHere.has(file)) {
    throw new ObshubError('DATA_DIR_IN_USE', `the data directory ${dataDir} is already open in this process`);
  }
  const owner: DataDirOwner = { pid: process.pid };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = dataDirOwner(dataDir);
      if (holder) {
        throw new ObshubError(
          'DATA_DIR_IN_USE',
          `the data directory ${dataDir} is in use by another obshub (pid ${holder.pid}); stop it, or set DATA_DIR to another directory`,
        );
      }
      rmSync(file, { force: true }); // left by a process that ended without releasing it
    }
  }
  heldHere.add(file);
  let held = true;
  return {
    publishAdminSocket(socketPath) {
      owner.adminSocket = socketPath;
      if (held) writeFileSync(file, JSON.stringify(owner), { mode: 0o600 });
    },
    release() {
      if (!held) return;
      held = false;
      heldHere.delete(file);
      if (read(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
