// Every installed package supports the Node.js versions obshub declares (package.json "engines"), so
// `npm install` prints no EBADENGINE warning and nothing relies on a newer runtime by accident.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import semver from 'semver';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

it('every locked package accepts the oldest Node.js version obshub supports', () => {
  const oldest = semver.minVersion(read('package.json').engines.node)!.version;
  const packages: Record<string, { engines?: { node?: string } }> = read('package-lock.json').packages;
  const refusing = Object.entries(packages)
    .filter(([name, p]) => name && p.engines?.node && !semver.satisfies(oldest, p.engines.node))
    .map(([name, p]) => `${name} (node ${p.engines!.node})`);
  assert.deepEqual(refusing, []);
});
