// OWSLib, the Python OGC client most users reach for, against a real hub: Debian's python3-owslib runs
// test/support/owslib_checks.py (landing page, conformance, collections, OpenAPI, Features items, EDR
// queries, Records), and every check must pass.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { startListeningHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';

const run = promisify(execFile);
/** Debian's interpreter: python3-owslib installs for it, not for another python3 on the PATH. */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../support/owslib_checks.py', import.meta.url));
const STATION = '0-20000-0-06260';
const [LON, LAT] = [5.1797058644882, 52.098821802977];

async function owslibVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run(PYTHON, ['-c', 'import owslib; print(owslib.__version__)']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

describe(`OWSLib against the hub (${databaseKind})`, () => {
  let hub: TestHub;
  let url: string;
  before(async () => {
    ({ hub, base: url } = await startListeningHub());
    const messages = ['air_temperature', 'relative_humidity'].flatMap((standardName) =>
      [3, 2, 1].map((m) =>
        esohMessage({
          platform: STATION,
          lon: LON,
          lat: LAT,
          standardName,
          unit: standardName === 'air_temperature' ? 'Cel' : '%',
          value: standardName === 'air_temperature' ? '4.5' : '87',
          datetime: minutesAgo(m),
        }),
      ),
    );
    await hub.ingest.ingest(hub.provider.principal, messages, '127.0.0.1');
  });
  after(() => hub?.stop());

  it('passes every check of its Features, EDR and Records clients', async (t) => {
    const version = await owslibVersion();
    assert.ok(
      version,
      `python3-owslib is not installed for ${PYTHON}: install it with "apt-get install -y python3-owslib" (.ci/run does)`,
    );
    const { stdout } = await run(PYTHON, [SCRIPT, `${url}/`, STATION, String(LON), String(LAT)], {
      timeout: 120_000,
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const checks = lines.filter((l) => 'check' in l);
    const failed = checks.filter((c) => !c.ok);
    const summary = lines.find((l) => 'owslib' in l);
    t.diagnostic(
      `OWSLib ${summary?.owslib} (EDR via ${summary?.edr}): ${checks.length - failed.length} of ${checks.length} checks pass`,
    );
    assert.equal(checks.length, 15, stdout);
    assert.deepEqual(
      failed.map((c) => `${c.check}: ${c.detail}`),
      [],
    );
  });
});
