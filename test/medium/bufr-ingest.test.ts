// POST /ingest/bufr (and E-SOH's POST /bufr) end to end on a real database: the BUFR corpus that ecCodes
// encoded from the KNMI day (packages/bufr/corpus) goes in as E-SOH's multipart form, as a raw body and
// gzipped; EDR then answers the decoded values after E-SOH's unit conversions, with E-SOH's names and
// units. Bad input: truncated files (400 naming the byte offset), files that are not BUFR, too many files,
// too large uploads, messages that cannot be mapped (422 naming file, message, subset and descriptor).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBufr } from '@obshub/bufr';
import { bufrFilesToEsoh, BUFR_LINKS } from '../../src/ingest/index.js';
import { databaseKind } from '../support/database.js';
import { storedCounts } from '../support/queries.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const CORPUS = new URL('../../packages/bufr/corpus/', import.meta.url);
const SURFACE = readdirSync(CORPUS)
  .filter((f) => /^(synop|surface|gts)-.*\.bufr$/.test(f))
  .sort();
const corpus = (name: string) => readFileSync(new URL(name, CORPUS));
const C = '/collections/observations';
const EVERYWHERE = encodeURIComponent('POLYGON((-80 -10,40 -10,40 75,-80 75,-80 -10))');

/** A multipart/form-data body as a browser or curl sends it (built by undici's FormData). */
async function form(files: { name: string; bytes: Uint8Array }[], field = 'files') {
  const data = new FormData();
  for (const f of files) data.append(field, new Blob([Buffer.from(f.bytes)]), f.name);
  const request = new Request('http://hub/', { method: 'POST', body: data });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

/** E-SOH's conversions of the units the BUFR mapping states, written out here: unit → [E-SOH unit, f]. */
const esohUnits: Record<string, [string, (v: number) => number]> = {
  K: ['Cel', (v) => v - 273.15],
  Pa: ['hPa', (v) => v / 100],
  minutes: ['s', (v) => v * 60],
  'kg m-2': ['kg/m2', (v) => v],
  'm/s': ['m/s', (v) => v],
  deg: ['deg', (v) => v],
  '%': ['%', (v) => v],
  m: ['m', (v) => v],
  okta: ['okta', (v) => v],
};

interface Row {
  platform: string;
  parameter: string;
  datetime: string;
  value: number;
  unit: string;
}

describe(`BUFR ingest API (${databaseKind})`, () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({
      RETENTION: 'unlimited',
      INGEST_BODY_LIMIT: '256KB',
      INGEST_BUFR_MAX_FILES: '12',
      INGEST_BUFR_MAX_MESSAGES: '5',
    });
  });
  after(() => hub.stop());

  const post = (payload: Buffer, headers: Record<string, string>, url = '/ingest/bufr') =>
    hub.app.inject({ method: 'POST', url, headers: { ...hub.provider.headers, ...headers }, payload });
  const raw = { 'content-type': 'application/bufr' };

  /** Every stored observation, through EDR's CSV encoding. */
  async function stored(): Promise<Map<string, Row>> {
    const res = await hub.app.inject(`${C}/area?coords=${EVERYWHERE}&f=CSV`);
    assert.equal(res.statusCode, 200, res.body);
    const rows = new Map<string, Row>();
    for (const line of res.body.trim().split('\r\n').slice(1)) {
      const [platform, , , parameter, datetime, value, unit] = line.split(',');
      rows.set(`${platform}|${parameter}|${datetime}`, {
        platform: platform!,
        parameter: parameter!,
        datetime: datetime!,
        value: Number(value),
        unit: unit!,
      });
    }
    return rows;
  }

  it('stores the corpus (multipart, one or several files) with the decoded values, names and units', async () => {
    // The expected observations: each value the mapping made, converted by the table above. A later file
    // replaces what an earlier one stored (same series and time); within one upload the first is kept.
    const expected = new Map<string, Row>();
    const uploads = [SURFACE.slice(0, 4), ...SURFACE.slice(4).map((f) => [f])];
    for (const names of uploads) {
      const files = names.map((name) => ({ name, bytes: corpus(name) }));
      const mapping = bufrFilesToEsoh(
        files,
        { namingAuthority: 'nl.knmi', license: 'CC-BY-4.0', links: BUFR_LINKS },
        { maxMessagesPerFile: 5, maxEsohMessages: 10_000, maxValues: 1e6 },
      );
      assert.equal(mapping.problems.length + mapping.unreadable.length, 0);
      const seen = new Set<string>();
      for (const m of mapping.messages) {
        const p = m.properties;
        const [unit, convert] = esohUnits[p.content.unit]!;
        const parameter = [p.content.standard_name, p.level, p.function, p.period].map(String).join(':');
        const key = `${p.platform}|${parameter}|${p.datetime}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const value = convert(Number(p.content.value));
        expected.set(key, { platform: p.platform, parameter, datetime: p.datetime, value, unit });
      }
      const { payload, headers } = await form(files);
      const res = await post(payload, headers);
      assert.equal(res.statusCode, 200, `${names.join(', ')}: ${res.body}`);
      assert.match(
        res.json().status_message,
        /^(Successfully ingested|Insert accepted, duplicates removed\.)$/,
      );
    }
    const rows = await stored();
    const missing = [...expected.keys()].filter((k) => !rows.has(k));
    assert.deepEqual(missing.slice(0, 10), []);
    assert.equal(rows.size, expected.size);
    for (const [key, want] of expected) {
      const got = rows.get(key);
      assert.ok(got, `${key} was not stored`);
      assert.equal(got.unit, want.unit, key);
      assert.ok(Math.abs(got.value - want.value) < 1e-9, `${key}: ${got.value} instead of ${want.value}`);
    }
    assert.ok(expected.size >= 400, `only ${expected.size} observations compared`); // 426 distinct

    // Straight from the decoder: De Bilt's air temperature (0 12 101, K) and pressure (0 10 051, Pa).
    const [message] = decodeBufr(corpus('synop-307080-ed4-v24-06260.bufr'));
    const item = (d: string) => message!.subsets[0]!.find((v) => v.descriptor === d)!.value as number;
    const at = '0-20000-0-06260|%s|2022-12-31T12:00:00Z';
    const t = rows.get(at.replace('%s', 'air_temperature:2.0:point:PT0S'))!;
    assert.deepEqual([t.unit, Math.abs(t.value - (item('012101') - 273.15)) < 1e-9], ['Cel', true]);
    const p = rows.get(at.replace('%s', 'air_pressure_at_mean_sea_level:0.0:point:PT0S'))!;
    assert.deepEqual([p.unit, Math.abs(p.value - item('010051') / 100) < 1e-9], ['hPa', true]);
    for (const name of [
      'wind_speed:10.0:mean:PT10M',
      'air_temperature:2.0:maximum:PT12H',
      'precipitation_amount:2.0:sum:PT24H',
    ]) {
      assert.ok(rows.has(at.replace('%s', name)), `${name} stored`);
    }
  });

  it('takes a raw body and gzip (Content-Encoding or a .gz file), at /ingest/bufr and /bufr', async () => {
    const bytes = corpus('synop-307096-06260.bufr');
    for (const [payload, headers, url] of [
      [bytes, raw, '/ingest/bufr'],
      [bytes, { 'content-type': 'application/octet-stream' }, '/bufr'],
      [gzipSync(bytes), { ...raw, 'content-encoding': 'gzip' }, '/bufr'],
      [gzipSync(bytes), raw, '/ingest/bufr'],
    ] as const) {
      const res = await post(payload, headers, url);
      assert.equal(res.statusCode, 200, `${url} ${JSON.stringify(headers)}: ${res.body}`);
      assert.equal(res.json().status_code, 200);
    }
    const zipped = await form([{ name: 'noon.bufr.gz', bytes: gzipSync(bytes) }]);
    assert.equal((await post(zipped.payload, zipped.headers, '/bufr')).statusCode, 200);

    const anonymous = await hub.app.inject({ method: 'POST', url: '/bufr', headers: raw, payload: bytes });
    assert.equal(anonymous.statusCode, 401);
    const { paths } = (await hub.app.inject('/openapi.json')).json();
    assert.match(paths['/bufr'].post.summary, /E-SOH-compatible alias of POST \/ingest\/bufr/);
    assert.deepEqual(Object.keys(paths['/ingest/bufr'].post.requestBody.content).sort(), [
      'application/bufr',
      'multipart/form-data',
    ]);
    assert.deepEqual(paths['/ingest/bufr'].post.parameters.map((p: { name: string }) => p.name).sort(), [
      'license',
      'naming_authority',
    ]);
  });

  it('names the file, message and byte offset of what cannot be decoded, and stores nothing', async () => {
    const before = (await storedCounts(hub.storage)).observations;
    const bulletin = corpus('gts-bulletin-3-messages.bufr');
    const cut = bulletin.subarray(0, bulletin.length - 100);
    const { payload, headers } = await form([
      { name: 'good.bufr', bytes: corpus('synop-307080-ed3-v13-06260.bufr') },
      { name: 'cut.bufr', bytes: cut },
      { name: 'notes.txt', bytes: Buffer.from('no data here') },
    ]);
    const res = await post(payload, headers);
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.equal(body.type, 'urn:obshub:problem:body-unreadable');
    assert.match(
      body.detail,
      /^not readable as BUFR: cut\.bufr message 2 byte \d+: .*\(and 1 more\); nothing was stored$/,
    );
    assert.equal(body.errors.length, 2);
    assert.deepEqual(
      { ...body.errors[0], offset: typeof body.errors[0].offset, message: undefined },
      { path: '', file: 'cut.bufr', bufrMessage: 2, offset: 'number', message: undefined },
    );
    assert.match(body.errors[1].message, /^notes\.txt message 0 byte 0: no BUFR message in it/);
    const truncated = await post(bulletin.subarray(0, 60), raw, '/bufr');
    assert.equal(truncated.statusCode, 400);
    assert.match(truncated.json().detail, /^not readable as BUFR: body message 0 byte \d+: /);
    const named = { ...raw, 'content-disposition': 'attachment; filename="bulletin.bufr"' };
    const namedCut = await post(bulletin.subarray(0, 60), named);
    assert.match(namedCut.json().detail, /^not readable as BUFR: bulletin\.bufr message 0 byte \d+: /);
    const empty = await post(Buffer.alloc(0), raw);
    assert.equal(empty.statusCode, 400);
    assert.equal((await storedCounts(hub.storage)).observations, before, 'nothing stored');
  });

  it('answers 422 naming file, message, subset and descriptor; nothing is stored', async () => {
    const before = (await storedCounts(hub.storage)).observations;
    // Outside the retention window: every value of the file is a problem of its own, with its origin.
    const hub24h = await startTestHub();
    try {
      const res = await hub24h.app.inject({
        method: 'POST',
        url: '/ingest/bufr',
        headers: { ...hub24h.provider.headers, ...raw },
        payload: corpus('synop-307080-ed4-v24-06260.bufr'),
      });
      assert.equal(res.statusCode, 422, res.body);
      const body = res.json();
      assert.equal(body.type, 'urn:obshub:problem:ingest-invalid');
      const first = body.errors[0];
      assert.equal(first.path, '/properties/datetime');
      assert.equal(first.file, 'body');
      assert.equal(first.bufrMessage, 0);
      assert.equal(first.subset, 0);
      assert.match(first.descriptor, /^0\d{5}$/);
      assert.match(first.message, /^body message 0 subset 0 descriptor 0\d{5}: .*retention/);
      assert.equal(body.invalidMessages, body.messages);
    } finally {
      await hub24h.stop();
    }
    // A naming authority the provider does not own: 403, as for JSON.
    const foreign = await post(
      corpus('synop-307096-06260.bufr'),
      raw,
      '/ingest/bufr?naming_authority=de.dwd',
    );
    assert.equal(foreign.statusCode, 403);
    const badName = await post(corpus('synop-307096-06260.bufr'), raw, '/ingest/bufr?naming_authority=a/b');
    assert.equal(badName.statusCode, 400);
    // Only ecCodes' satellite sample: nothing an E-SOH message can hold.
    const none = await post(corpus('eccodes-sample-BUFR4_local_satellite.bufr'), raw);
    assert.equal(none.statusCode, 422, none.body);
    assert.match(none.json().errors[0].message, /hold no observation/);
    assert.equal((await storedCounts(hub.storage)).observations, before);
  });

  it('keeps to the limits: files, messages per file, size, media types', async () => {
    const one = { name: 'a.bufr', bytes: corpus('synop-307096-06260.bufr') };
    const many = await form(Array.from({ length: 13 }, (_, i) => ({ ...one, name: `${i}.bufr` })));
    const tooMany = await post(many.payload, many.headers);
    assert.equal(tooMany.statusCode, 413, tooMany.body);
    assert.match(tooMany.json().detail, /more than 12 files \(INGEST_BUFR_MAX_FILES\)/);

    const bulletin = corpus('gts-bulletin-3-messages.bufr');
    const long = await post(Buffer.concat([bulletin, bulletin]), raw);
    assert.equal(long.statusCode, 413);
    assert.match(long.json().detail, /body holds more than 5 BUFR messages \(INGEST_BUFR_MAX_MESSAGES\)/);

    const big = Buffer.alloc(300 * 1024);
    assert.equal((await post(big, raw)).statusCode, 413);
    const bigForm = await form([{ name: 'big.bufr', bytes: big }]);
    assert.equal((await post(bigForm.payload, bigForm.headers)).statusCode, 413);
    const bomb = await post(gzipSync(Buffer.alloc(1024 * 1024)), { ...raw, 'content-encoding': 'gzip' });
    assert.equal(bomb.statusCode, 413);
    assert.match(bomb.json().detail, /decompressed body exceeds the limit of 262144 bytes/);

    const wrongField = await form([one], 'file');
    const wrong = await post(wrongField.payload, wrongField.headers);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.json().detail, /send BUFR files in the field "files"/);
    assert.equal((await post(one.bytes, { 'content-type': 'application/json' })).statusCode, 415);
  });

  it('answers changed, cut and spliced BUFR with 200 or a 4xx that says why, never a 5xx', async () => {
    const files = SURFACE.map(corpus);
    const damaged = fc
      .tuple(
        fc.nat({ max: files.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat()),
        fc.nat({ max: files.length - 1 }),
      )
      .map(([which, changes, cutAt, spliced]) => {
        const bytes = Buffer.from(files[which]!);
        for (const [at, value] of changes) bytes[at % bytes.length] = value;
        const cut = cutAt === null ? bytes : bytes.subarray(0, cutAt % bytes.length);
        return spliced === which ? cut : Buffer.concat([cut, files[spliced]!.subarray(cut.length % 97)]);
      });
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        const res = await post(bytes, raw);
        assert.ok(res.statusCode < 500, `${res.statusCode}: ${res.body}`);
        if (res.statusCode !== 200) assert.ok(res.json().detail, res.body);
      }),
      { seed: 16, numRuns: 60 },
    );
    assert.equal((await hub.app.inject('/health')).statusCode, 200);
  });
});
