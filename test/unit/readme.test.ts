// The README's configuration table is generated from the config schema; this keeps them in sync. Its
// Reliability figures are generated from the reliability suite's results; this checks their form.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { configTable } from '../../scripts/config-docs.js';
import { FAULTS, RELIABILITY_SECTION } from '../../scripts/reliability-report.js';

it('README documents every setting exactly as the schema does (npm run docs:config)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const m = /<!-- config-table:start[^>]*-->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme);
  assert.ok(m, 'README has the config-table markers');
  assert.equal(m[1], configTable());
});

it('README has the Reliability figures, well formed (npm run reliability:report -- --write)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.match(readme, /\n## Reliability\n/);
  const m = RELIABILITY_SECTION.exec(readme);
  assert.ok(m, 'README has the reliability markers');
  const rows = m[2]!.split('\n').filter((l) => l.startsWith('| '));
  const cells = (row: string) =>
    row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const number = (cell: string) => Number(cell.replace(/,/g, '').replace(/ MB$/, ''));
  const fuzz = rows.find((r) => r.startsWith('| seed '));
  assert.ok(fuzz, 'a row of HTTP fuzz figures');
  const [, tried, routes, status5xx] = cells(fuzz).map(number);
  assert.ok(tried! > 0 && routes! > 0, 'requests tried and routes');
  assert.equal(status5xx, 0, 'no 5xx');
  for (const [, label] of FAULTS) {
    const row = rows.find((r) => r.startsWith(`| ${label}: `));
    assert.ok(row, `a row for: ${label}`);
    const [acknowledged, lost, announced, refused, other, seconds] = cells(row).slice(1).map(number);
    for (const value of [acknowledged, lost, announced, refused, other, seconds]) {
      assert.ok(Number.isInteger(value) && value! >= 0, `${label}: whole numbers`);
    }
    assert.ok(acknowledged! > 0, `${label}: observations acknowledged`);
    assert.equal(lost, 0, `${label}: none lost`);
    assert.equal(announced, acknowledged, `${label}: every one announced`);
    assert.equal(other, 0, `${label}: no other answers`);
  }
});
