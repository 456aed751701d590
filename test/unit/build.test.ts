// The build's asset copy (scripts/copy-assets.mjs) leaves dist with exactly the run-time files of src.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';

const SCRIPT = new URL('../../scripts/copy-assets.mjs', import.meta.url).pathname;

it('replaces the built migrations, so a renamed or removed one does not linger in dist', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'obshub-build-'));
  try {
    const write = (file: string, text = '') => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('src/storage/migrations/001_schema.sql', 'SELECT 1;');
    for (const file of ['core/wis2/LICENSE.txt', 'core/wis2/SOURCE.txt', 'notify/schemas/NOTICE.txt']) {
      write(`src/${file}`);
    }
    write('dist/main.js');
    write('dist/storage/migrations/001_schema_old_name.sql', 'SELECT 1;');
    execFileSync(process.execPath, [SCRIPT], { cwd: root });
    assert.deepEqual(readdirSync(path.join(root, 'dist/storage/migrations')), ['001_schema.sql']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
