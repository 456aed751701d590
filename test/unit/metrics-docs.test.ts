// The README's metric list is the registry's: regenerate it with `npx tsx scripts/metrics-docs.ts --write`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { metricsTable } from '../../scripts/metrics-docs.js';
import { readmeSection } from '../../scripts/readme-section.js';
import { statementName } from '../../src/observability/index.js';

it('lists every metric of the registry in the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readmeSection('metrics-table', readme);
  assert.ok(section !== undefined, 'README.md has the metrics-table markers');
  assert.equal(section, metricsTable(), 'run: npx tsx scripts/metrics-docs.ts --write');
});

it('names statements by verb and table, bounded', () => {
  assert.equal(
    statementName('WITH written AS (INSERT INTO observation AS o (a) SELECT 1) INSERT INTO outbox SELECT 1'),
    'insert observation',
  );
  assert.equal(
    statementName('SELECT count(*) FROM observation_20221231 WHERE x = $1'),
    'select observation_N',
  );
  assert.equal(statementName('SELECT 1'), 'select');
  assert.equal(statementName('WITH s AS (SELECT 1 FROM time_series) SELECT * FROM s'), 'select time_series');
  assert.equal(statementName('SELECT id FROM outbox ORDER BY id FOR UPDATE SKIP LOCKED'), 'select outbox');
  assert.equal(statementName('BEGIN'), 'begin');
});
