// `obshub load` as a data provider runs it: KNMI files of the sample day (gzipped, as shipped), a plain
// file and standard input, sent to a listening hub; BUFR files (plain and gzipped) beside them; files the
// hub refuses, or that are not JSON, are named with the reason and make the exit code 1 while the others
// are stored.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, KNMI_DIR } from '../support/messages.js';
import { obshub } from '../support/process.js';
import { storedCounts } from '../support/queries.js';

const KNMI = ['0-20000-0-06225', '0-20000-0-06229']; // 432 observations each
const CORPUS = new URL('../../packages/bufr/corpus/', import.meta.url);

describe('obshub load', () => {
  let hub: TestHub;
  let url: string;
  let dir: string;
  before(async () => {
    hub = await startTestHub({ RETENTION: 'unlimited' });
    url = await hub.listen();
    dir = mkdtempSync(path.join(tmpdir(), 'obshub-load-'));
    for (const station of KNMI) {
      copyFileSync(
        path.join(fileURLToPath(KNMI_DIR), `${station}.json.gz`),
        path.join(dir, `${station}.json.gz`),
      );
    }
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hub.stop();
  });

  it('loads a directory of gzipped files and reports the observations stored', async () => {
    const run = await obshub(['load', dir, '--url', url, '--key', hub.provider.apiKey, '--parallel', '2']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^loaded 2 of 2 files, 864 observations in [\d.]+ s \(\d+ obs\/s\)\n$/);
    assert.match(run.stderr, /loaded .*0-20000-0-06225\.json\.gz/);
    assert.equal((await storedCounts(hub.storage)).observations, 864);
  });

  it('names each refused file with the reason and exits 1, storing the others', async () => {
    const mixed = mkdtempSync(path.join(tmpdir(), 'obshub-load-mixed-'));
    try {
      writeFileSync(
        path.join(mixed, 'a-good.json'),
        JSON.stringify(esohMessage({ platform: '0-20000-0-00042' })),
      );
      writeFileSync(path.join(mixed, 'b-broken.json'), '[{"type": ');
      writeFileSync(path.join(mixed, 'c-invalid.json'), JSON.stringify([esohMessage({ period: 'P1Y' })]));
      const run = await obshub(['load', mixed, '--url', url, '--key', hub.provider.apiKey]);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^loaded 1 of 3 files, 1 observations/);
      assert.match(run.stderr, /2 file\(s\) refused:/);
      assert.match(run.stderr, /b-broken\.json: not JSON \(/);
      assert.match(
        run.stderr,
        /c-invalid\.json: 422 1 problem found; nothing was stored; \/0\/properties\/period: "P1Y" has a year or month part/,
      );
    } finally {
      rmSync(mixed, { recursive: true, force: true });
    }
  });

  it('reads standard input, and says when the key is missing or wrong', async () => {
    const body = JSON.stringify([esohMessage({ platform: '0-20000-0-00043' })]);
    const ok = await obshub(['load', '-', '--url', url, '--key', hub.provider.apiKey], {}, body);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /loaded 1 of 1 files, 1 observations/);
    const anonymous = await obshub(['load', '-', '--url', url], {}, body);
    assert.equal(anonymous.code, 1);
    assert.match(anonymous.stderr, /standard input: 401 /);
    const nowhere = await obshub(['load', 'no-such-file.json', '--url', url]);
    assert.equal(nowhere.code, 1);
    assert.equal(nowhere.stderr, 'obshub: no-such-file.json: no such file or directory\n');
  });

  it('loads BUFR files (plain and gzipped) and names a truncated one with the byte offset', async () => {
    const bufr = mkdtempSync(path.join(tmpdir(), 'obshub-load-bufr-'));
    try {
      const stations = readFileSync(new URL('synop-301150-307080-12-stations.bufr', CORPUS));
      writeFileSync(path.join(bufr, 'a-stations.bufr'), stations);
      writeFileSync(
        path.join(bufr, 'b-noon.bufr.gz'),
        gzipSync(readFileSync(new URL('synop-307096-06260.bufr', CORPUS))),
      );
      writeFileSync(path.join(bufr, 'c-cut.bufr'), stations.subarray(0, stations.length - 40));
      const before = (await storedCounts(hub.storage)).observations;
      const run = await obshub(['load', bufr, '--url', url, '--key', hub.provider.apiKey]);
      assert.equal(run.code, 1, run.stderr);
      const [, stored] = /^loaded 2 of 3 files, (\d+) observations/.exec(run.stdout) ?? [];
      assert.ok(Number(stored) > 100, run.stdout);
      assert.match(
        run.stderr,
        /c-cut\.bufr: 400 not readable as BUFR: c-cut\.bufr message 0 byte \d+: .*input ends after \d+; nothing was stored\n/,
      );
      // Sent, not distinct: the files repeat some series and times (stored once).
      const added = (await storedCounts(hub.storage)).observations - before;
      assert.ok(added > 100 && added <= Number(stored), `${added} stored of ${stored}`);
    } finally {
      rmSync(bufr, { recursive: true, force: true });
    }
  });
});
