// POST /ingest/json (and its E-SOH alias POST /json) end to end on a real database: answers, upserts,
// conversions, limits, atomicity; with and without validation workers.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { postIngest, startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { storedCounts, storedValues } from '../support/queries.js';

const PARAM = 'air_temperature:2.0:mean:PT1M';

// The same answers whether bodies are read on the event loop or in validation workers (INGEST_WORKERS).
for (const workers of ['0', '2'])
  describe(`ingest API (${databaseKind}, INGEST_WORKERS=${workers})`, () => {
    let hub: TestHub;
    before(async () => {
      hub = await startTestHub({ INGEST_BODY_LIMIT: '64KB', INGEST_WORKERS: workers });
    });
    after(() => hub.stop());

    const post = (payload: unknown, headers?: Record<string, string>, url?: string) =>
      postIngest(hub, payload, headers, url);

    it('accepts one message (not an array) and answers exactly as E-SOH', async () => {
      const res = await post(esohMessage({ platform: '0-20000-0-00001', datetime: minutesAgo(5) }));
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, '{"status_message":"Successfully ingested","status_code":200}');
      assert.match(String(res.headers['content-type']), /^application\/json/);
    });

    it("POST /json (E-SOH's path) is the same route: answers, problems, gzip and credentials", async () => {
      const json = { 'content-type': 'application/json' };
      const ok = await post(
        [esohMessage({ platform: '0-20000-0-00009', datetime: minutesAgo(1) })],
        json,
        '/json',
      );
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.body, '{"status_message":"Successfully ingested","status_code":200}');
      const gz = gzipSync(
        JSON.stringify([esohMessage({ platform: '0-20000-0-00009', datetime: minutesAgo(2) })]),
      );
      const zipped = await post(gz, { ...json, 'content-encoding': 'gzip' }, '/json');
      assert.equal(zipped.statusCode, 200, zipped.body);
      assert.equal((await storedValues(hub.storage, '0-20000-0-00009', PARAM)).length, 2);
      const bad = [esohMessage({ platform: '0-20000-0-00009', datetime: minutesAgo(3), period: 'P1Y' })];
      const [viaAlias, viaHub] = [await post(bad, json, '/json'), await post(bad, json)];
      assert.equal(viaAlias.statusCode, 422);
      const withoutRequestId = (body: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'requestId'));
      assert.deepEqual(
        withoutRequestId(viaAlias.json()),
        withoutRequestId(viaHub.json()),
        'the same problem (each names its own request)',
      );
      const anonymous = await hub.app.inject({ method: 'POST', url: '/json', payload: [] });
      assert.equal(anonymous.statusCode, 401);
      const { paths } = (await hub.app.inject('/openapi.json')).json();
      assert.match(paths['/json'].post.summary, /E-SOH-compatible alias of POST \/ingest\/json/);
      assert.deepEqual(paths['/json'].post.requestBody, paths['/ingest/json'].post.requestBody);
      assert.deepEqual(paths['/json'].post.security, paths['/ingest/json'].post.security);
    });

    it('updates the value when the same series and time are sent again', async () => {
      const at = minutesAgo(10);
      await post([esohMessage({ platform: '0-20000-0-00002', datetime: at, value: '1.0' })]);
      const res = await post([esohMessage({ platform: '0-20000-0-00002', datetime: at, value: '2.5' })]);
      assert.equal(res.statusCode, 200);
      const values = await storedValues(hub.storage, '0-20000-0-00002', PARAM);
      assert.deepEqual(
        values.map((v) => v.value),
        [2.5],
      );
    });

    it('drops duplicates inside a batch with E-SOH message', async () => {
      const at = minutesAgo(3);
      const m = esohMessage({ platform: '0-20000-0-00003', datetime: at, value: '7' });
      const res = await post([m, m, esohMessage({ platform: '0-20000-0-00003', datetime: minutesAgo(4) })]);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        status_message: 'Insert accepted, duplicates removed.',
        status_code: 200,
      });
      assert.equal((await storedValues(hub.storage, '0-20000-0-00003', PARAM)).length, 2);
    });

    it('converts units as E-SOH: kelvin to Cel, Pa to hPa', async () => {
      const at = minutesAgo(2);
      await post([
        esohMessage({ platform: '0-20000-0-00004', datetime: at, unit: 'K', value: '280.15' }),
        esohMessage({
          platform: '0-20000-0-00004',
          datetime: at,
          standardName: 'air_pressure',
          unit: 'Pa',
          value: '101325.0',
          level: '1',
        }),
      ]);
      const [t] = await storedValues(hub.storage, '0-20000-0-00004', PARAM);
      assert.equal(t?.value, 7);
      assert.equal(t?.unit, 'Cel');
      const [p] = await storedValues(hub.storage, '0-20000-0-00004', 'air_pressure:1.0:mean:PT1M');
      assert.equal(p?.value, 1013.2);
      assert.equal(p?.unit, 'hPa');
    });

    it('keeps non-numeric values', async () => {
      await post([
        esohMessage({
          platform: '0-20000-0-00005',
          datetime: minutesAgo(1),
          standardName: 'visibility_in_air',
          unit: 'm',
          value: 'CAVOK',
        }),
      ]);
      const [v] = await storedValues(hub.storage, '0-20000-0-00005', 'visibility_in_air:2.0:mean:PT1M');
      assert.deepEqual([v?.value, v?.valueText], [null, 'CAVOK']);
    });

    it('stores nothing when one message of a batch is bad, and lists the problem with its path', async () => {
      const before = await storedCounts(hub.storage);
      const batch = [
        esohMessage({ platform: '0-20000-0-00006', datetime: minutesAgo(1) }),
        esohMessage({ platform: '0-20000-0-00006', datetime: minutesAgo(2), period: 'P1Y' }),
      ];
      const res = await post(batch);
      assert.equal(res.statusCode, 422);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      const body = res.json();
      assert.equal(body.status, 422);
      assert.equal(body.detail, '1 problem found; nothing was stored');
      assert.deepEqual(body.errors, [
        {
          path: '/1/properties/period',
          message: '"P1Y" has a year or month part, which has no fixed length in seconds',
        },
      ]);
      assert.deepEqual(await storedCounts(hub.storage), before);
    });

    it('rejects observations outside the retention window, naming them', async () => {
      const res = await post([
        esohMessage({ platform: '0-20000-0-00007', datetime: '2022-12-31T00:00:00Z' }),
      ]);
      assert.equal(res.statusCode, 422);
      assert.match(
        res.json().errors[0].message,
        /^"2022-12-31T00:00:00Z" is older than the retention window \(PT24H\)/,
      );
      assert.equal(res.json().errors[0].path, '/0/properties/datetime');
    });

    it('reads a body without Content-Type as JSON (E-SOH loader) and gzip bodies', async () => {
      const plain = await post(
        JSON.stringify([esohMessage({ platform: '0-20000-0-00008', datetime: minutesAgo(1) })]),
        {},
      );
      assert.equal(plain.statusCode, 200, plain.body);
      const gz = gzipSync(
        JSON.stringify([esohMessage({ platform: '0-20000-0-00008', datetime: minutesAgo(2) })]),
      );
      const zipped = await post(gz, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      assert.equal(zipped.statusCode, 200, zipped.body);
      assert.equal((await storedValues(hub.storage, '0-20000-0-00008', PARAM)).length, 2);
    });

    it('answers 413 above INGEST_BODY_LIMIT, raw or after gunzip', async () => {
      const big = JSON.stringify(
        Array.from({ length: 200 }, (_, i) => esohMessage({ datetime: minutesAgo(i) })),
      );
      assert.ok(big.length > 64 * 1024);
      const raw = await post(big);
      assert.equal(raw.statusCode, 413);
      assert.match(raw.json().detail, /INGEST_BODY_LIMIT/);
      const bomb = await post(gzipSync(big), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      assert.equal(bomb.statusCode, 413);
      assert.match(bomb.json().detail, /decompressed body exceeds the limit of 65536 bytes/);
    });

    it('answers 400 for broken JSON or gzip, 415 for other media types and encodings', async () => {
      const broken = await post('[{"type": ');
      assert.equal(broken.statusCode, 400);
      assert.match(broken.json().detail, /^the body is not valid JSON/);
      const notGzip = await post('hello', { 'content-encoding': 'gzip' });
      assert.equal(notGzip.statusCode, 400);
      assert.match(notGzip.json().detail, /not valid gzip/);
      // curl --data-binary @missing-file sends an empty body: say so, not "not valid gzip".
      const empty = await post(Buffer.alloc(0), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.json().detail, /^the request body is empty/);
      const form = await post('a=b', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(form.statusCode, 415);
      assert.match(form.json().detail, /Content-Type "application\/x-www-form-urlencoded" is not supported/);
      const br = await post('x', { 'content-encoding': 'br' });
      assert.equal(br.statusCode, 415);
    });

    it('stores batches sent at once, more than there are workers, each whole', async () => {
      const platforms = Array.from({ length: 6 }, (_, b) => `0-20000-0-0110${b}`);
      const answers = await Promise.all(
        platforms.map((platform) =>
          post(Array.from({ length: 20 }, (_, i) => esohMessage({ platform, datetime: minutesAgo(i + 1) }))),
        ),
      );
      for (const res of answers) assert.equal(res.statusCode, 200, res.body);
      for (const platform of platforms)
        assert.equal((await storedValues(hub.storage, platform, PARAM)).length, 20, platform);
    });

    it('survives hostile input without losing the process', async () => {
      for (const payload of ['null', '"text"', '123', '[null]', '{"__proto__": {"x": 1}}', '[[]]']) {
        const res = await post(payload);
        assert.ok([400, 422].includes(res.statusCode), `${payload} → ${res.statusCode}`);
      }
      const health = await hub.app.inject('/health');
      assert.equal(health.statusCode, 200);
    });

    it('reports readiness of the database and the broker', async () => {
      const res = await hub.app.inject('/ready');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        status: 'ready',
        services: ['ingest', 'query', 'admin', 'relay', 'jobs', 'broker'],
        checks: {
          database: 'ok',
          // On PostgreSQL the processes' event bus is LISTEN/NOTIFY, a connection of its own to check.
          ...(databaseKind === 'postgres' ? { bus: 'ok' } : {}),
          broker: 'ok',
          announcements: 'ok',
        },
      });
    });
  });
