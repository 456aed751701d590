// The repository is self-contained: no tracked file may read the reference folder that sits beside the
// repository on development machines (`shared`, one level up)
// (schemas and sample data the tests need are vendored under test/fixtures/standards and samples/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';

const ROOT = new URL('../../', import.meta.url);

it('no tracked source, test, script or document refers to the shared folder beside the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => /\.(ts|mts|mjs|js|json|md|sh|ya?ml)$/.test(f) && !f.startsWith('test/fixtures/'));
  const offenders = files.filter((f) => /\.\.\/shared\b/.test(readFileSync(new URL(f, ROOT), 'utf8')));
  assert.deepEqual(offenders, []);
});
