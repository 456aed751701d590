// `npm start`: builds only when a source changed since the last build, then runs `obshub serve` in this
// very process, so the signals npm forwards (Ctrl-C, SIGTERM to npm's pid, systemd, Docker) reach the hub.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'web', 'packages', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'];
const SKIP = new Set(['node_modules', 'dist', '.vite']);

/** The newest modification time (ms) of a file, or of any file below a directory. */
function newest(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => !SKIP.has(name))
    .reduce((max, name) => Math.max(max, newest(path.join(entry, name))), 0);
}

const built = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (INPUTS.some((input) => newest(input) > built)) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
process.argv.splice(2, 0, 'serve');
await import('../dist/main.js');
