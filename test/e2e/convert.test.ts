// `obshub convert bufr` as a provider runs it: BUFR files of the corpus (plain and gzipped) printed as the
// E-SOH messages the hub would make of them; a truncated file named with its byte offset and exit code 1.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUFR_LINKS, bufrFilesToEsoh } from '../../src/ingest/index.js';
import { obshub } from '../support/process.js';

const CORPUS = new URL('../../packages/bufr/corpus/', import.meta.url);
const STATIONS = fileURLToPath(new URL('synop-301150-307080-12-stations.bufr', CORPUS));

describe('obshub convert bufr', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'obshub-convert-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the E-SOH messages of plain and gzipped files as one JSON array', async () => {
    const noon = readFileSync(new URL('synop-307096-06260.bufr', CORPUS));
    const zipped = path.join(dir, 'noon.bufr.gz');
    writeFileSync(zipped, gzipSync(noon));
    const run = await obshub(['convert', 'bufr', STATIONS, zipped, '--naming-authority', 'nl.knmi']);
    assert.equal(run.code, 0, run.stderr);
    const messages = JSON.parse(run.stdout) as { properties: Record<string, unknown> }[];
    const expected = bufrFilesToEsoh(
      [
        { name: STATIONS, bytes: readFileSync(STATIONS) },
        { name: zipped, bytes: noon },
      ],
      { namingAuthority: 'nl.knmi', license: 'CC-BY-4.0', links: BUFR_LINKS },
      { maxMessagesPerFile: 10, maxEsohMessages: 1e5, maxValues: 1e6 },
    ).messages;
    assert.deepEqual(messages, JSON.parse(JSON.stringify(expected)));
    assert.ok(messages.length > 100);
    assert.ok(messages.every((m) => m.properties.naming_authority === 'nl.knmi'));
    assert.match(
      run.stderr,
      new RegExp(`^2 file\\(s\\), 2 BUFR message\\(s\\): ${messages.length} E-SOH messages`),
    );
  });

  it('names a truncated file with the byte offset and exits 1; a missing format is explained', async () => {
    const cut = path.join(dir, 'cut.bufr');
    writeFileSync(cut, readFileSync(STATIONS).subarray(0, 300));
    const run = await obshub(['convert', 'bufr', cut, '--compact']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '[]\n');
    assert.match(run.stderr, /obshub: .*cut\.bufr message 0 byte \d+: .*input ends/);
    const wrong = await obshub(['convert', 'grib', cut]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^obshub: cannot convert "grib"; name the format: bufr/);
  });
});
