// Copies the files the built program reads at run time (SQL migrations) next to the compiled code.
import { chmodSync, cpSync, rmSync, writeFileSync } from 'node:fs';

// Replaced, not merged: a migration renamed or removed in src must not linger in dist.
rmSync('dist/storage/migrations', { recursive: true, force: true });
cpSync('src/storage/migrations', 'dist/storage/migrations', { recursive: true });
chmodSync('dist/main.js', 0o755);
// Licence and source notes of the standards data the program ships (WIS2 topic hierarchy, WNM schema).
for (const file of ['core/wis2/LICENSE.txt', 'core/wis2/SOURCE.txt', 'notify/schemas/NOTICE.txt'])
  cpSync(`src/${file}`, `dist/${file}`);
// `npm start` rebuilds only when a source is newer than this stamp.
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
