// The README's permission matrix and audit actions are those of the code: this keeps them in sync.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { permissions, roles, rolePermissions } from '../../src/core/access.js';
import { auditActions } from '../../src/identity/index.js';

/** The Markdown table of the README: one row per permission, one column per role. */
export function permissionTable(): string {
  const header = `| Permission | ${roles.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = permissions.map(
    (p) => `| \`${p}\` | ${roles.map((r) => (rolePermissions(r).includes(p) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

it('README shows the permission matrix of src/core/access.ts', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const m = /<!-- permission-matrix:start[^>]*-->\n([\s\S]*?)\n<!-- permission-matrix:end -->/.exec(readme);
  assert.ok(m, 'README has the permission-matrix markers');
  assert.equal(m[1], permissionTable());
});

it('README lists every audit action', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('## Audit log');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const missing = auditActions.filter((a) => !section.includes(`\`${a}\``));
  assert.deepEqual(missing, []);
});
