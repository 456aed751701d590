// Issue 11, ingest: however hostile a request, the hub answers it with a 4xx naming what is wrong (never
// a 500), the answer never grows with the body, other callers are still served, and whatever is
// acknowledged can be announced. A real hub (database, embedded broker), over app.inject and HTTP.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { system } from '../../src/core/access.js';
import { ObshubError } from '../../src/core/errors.js';
import { wnmProblems } from '../../src/notify/index.js';
import { databaseKind } from '../support/database.js';
import { postIngest, startTestHub, type TestHub } from '../support/hub.js';
import { LARGEST_AUTHORITY, largestMessage } from '../support/largest.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import {
  isLeafTopic,
  subscribe,
  testTopics,
  validateWnmSchema,
  wis2TopicProblem,
  type Subscriber,
} from '../support/mqtt.js';
import { hostileBody } from '../support/hostile.js';
import { storedValues } from '../support/queries.js';

describe(`ingest guard rails (${databaseKind})`, () => {
  const topics = testTopics();
  let hub: TestHub;
  let base: string;
  let sub: Subscriber;
  before(async () => {
    hub = await startTestHub({ INGEST_BODY_LIMIT: '4MB', ...topics.env });
    base = await hub.listen();
    sub = await subscribe(hub.broker.url, topics.subscriptions);
  });
  after(async () => {
    await sub?.close();
    await hub?.stop();
  });

  const post = (payload: unknown, headers?: Record<string, string>) => postIngest(hub, payload, headers);

  /** One message (its position in a batch of one: /0) with `mutate` applied. */
  const withMutation = (platform: string, mutate: (m: any) => void) => {
    const m = esohMessage({ platform, datetime: minutesAgo(1) });
    mutate(m);
    return [m];
  };

  it('#3 refuses a million empty messages with a short 413 before parsing them; /health answers meanwhile', async () => {
    const body = `[${new Array(1_000_000).fill('{}').join(',')}]`; // 3 MB, under INGEST_BODY_LIMIT
    const heap = [process.memoryUsage().heapUsed];
    let done = false;
    const answers = Promise.all(
      Array.from({ length: 6 }, () =>
        fetch(`${base}/ingest/json`, {
          method: 'POST',
          headers: { ...hub.provider.headers, 'content-type': 'application/json' },
          body,
        }).then(async (res) => ({ status: res.status, text: await res.text() })),
      ),
    ).finally(() => (done = true));
    const healthMs: number[] = [];
    while (!done) {
      const started = performance.now();
      const health = await fetch(`${base}/health`);
      assert.equal(health.status, 200);
      healthMs.push(performance.now() - started);
      heap.push(process.memoryUsage().heapUsed);
      await sleep(10);
    }
    for (const { status, text } of await answers) {
      assert.equal(status, 413, text.slice(0, 200));
      assert.ok(text.length < 500, `${text.length} bytes`);
      assert.match(
        JSON.parse(text).detail,
        /^the batch has more than 10000 messages \(INGEST_MAX_MESSAGES\); send at most 10000 per request$/,
      );
    }
    assert.ok(Math.max(...healthMs) < 1000, `/health took up to ${Math.max(...healthMs).toFixed(0)} ms`);
    const grownMb = (Math.max(...heap) - heap[0]!) / 2 ** 20;
    assert.ok(grownMb < 200, `the heap grew by ${grownMb.toFixed(0)} MB`);
  });

  it('#3 answers 10 000 invalid messages with 100 problems and their count, in a few kilobytes', async () => {
    const res = await post(`[${new Array(10_000).fill('{}').join(',')}]`);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.length < 20_000, `${res.body.length} bytes`);
    const body = res.json();
    assert.equal(body.errors.length, 100);
    assert.equal(body.invalidMessages, 10_000);
    assert.equal(body.messages, 10_000);
    assert.equal(
      body.detail,
      '10000 of 10000 messages have problems; the first 100 problems are listed; nothing was stored',
    );
    assert.deepEqual(body.errors[0], { path: '/0/type', message: 'is required' });
  });

  it('#4 answers 422 naming the path and the limit for what passed validation and then failed with 500', async () => {
    // Written as text: JSON.stringify itself cannot nest 5 000 levels.
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const cases: [string, (m: any) => void, string, RegExp][] = [
      ['hamsl 3e7', (m) => (m.properties.hamsl = 3e7), '/0/properties/hamsl', /21474836\.47 m$/],
      ['level "1e9"', (m) => (m.properties.level = '1e9'), '/0/properties/level', /21474836\.47 m$/],
      [
        'period "PT2147483648S"',
        (m) => (m.properties.period = 'PT2147483648S'),
        '/0/properties/period',
        /\(2147483647 s\)$/,
      ],
      [
        'quality_code 2147483648',
        (m) => ((m.properties.quality_code = 2147483648), (m.properties.quality_code_vocabulary = 'v')),
        '/0/properties/quality_code',
        /^must be at most 2147483647$/,
      ],
      ['NUL in summary', (m) => (m.properties.summary = 'a\u0000b'), '/0/properties/summary', /NUL/],
      ['NUL in a link', (m) => (m.links[0].href = 'https://x\u0000'), '/0/links/0/href', /NUL/],
      ['lone surrogate', (m) => (m.properties.title = '\ud800'), '/0/properties/title', /unpaired surrogate/],
      [
        '5 000-deep nesting in links',
        (m) => (m.links[0].deep = 'DEEP'),
        `/0/links/0/deep${'/0'.repeat(12)}`,
        /^nests deeper than 16 levels$/,
      ],
    ];
    for (const [i, [name, mutate, path, message]] of cases.entries()) {
      const res = await post(
        JSON.stringify(withMutation(`0-20000-0-0040${i}`, mutate)).replace('"DEEP"', deep),
      );
      assert.equal(res.statusCode, 422, `${name}: ${res.body.slice(0, 300)}`);
      const [problem] = res.json().errors;
      assert.equal(problem.path, path, name);
      assert.match(problem.message, message, name);
    }
  });

  it('#4 stores the edges of every integer column (the limits are those of the columns)', async () => {
    const [m] = withMutation('0-20000-0-00410', (m) => {
      m.properties.level = '21474836.47';
      m.properties.period = 'PT2147483647S';
      m.properties.quality_code = -2147483648;
      m.properties.quality_code_vocabulary = 'v';
      m.properties.hamsl = -21474836.48;
    });
    const res = await post([m]);
    assert.equal(res.statusCode, 200, res.body);
    const [stored] = await storedValues(
      hub.storage,
      '0-20000-0-00410',
      'air_temperature:21474836.47:mean:P24855DT3H14M7S',
    );
    assert.equal(stored?.value, 4.5);
  });

  it('#6 refuses a NUL in naming_authority with 422 before authorisation', async () => {
    const res = await post(
      withMutation('0-20000-0-00420', (m) => (m.properties.naming_authority = 'org.other\u0000')),
    );
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().errors[0].path, '/0/properties/naming_authority');
  });

  it('#6 records audit events that quote NUL characters and lone surrogates', async () => {
    await hub.identity.audit.record(hub.provider.principal, 'ingest.rejected', 'failure', {
      source: '127.0.0.1\u0000',
      target: 'authority:org.other\u0000',
      details: { namingAuthorities: ['org.other\u0000', 'x\ud800'], ['k\u0000']: 'v' },
    });
    const [event] = await hub.storage.audit.find({ action: 'ingest.rejected', limit: 1 });
    assert.equal(event?.target, 'authority:org.other\\u0000');
    assert.equal(event?.source, '127.0.0.1\\u0000');
    assert.deepEqual(event?.details, { namingAuthorities: ['org.other\\u0000', 'x\ufffd'], 'k\\u0000': 'v' });
  });

  it('#6 refuses a NUL in a sign-in username with 400 and records the attempt', async () => {
    await assert.rejects(
      hub.identity.signIn.password('admin\u0000', 'test-admin-password', '192.0.2.7'),
      (err: unknown) => err instanceof ObshubError && err.status === 400 && /NUL/.test(err.message),
    );
    const [event] = await hub.storage.audit.find({ action: 'sign-in', limit: 1 });
    assert.equal(event?.outcome, 'failure');
    assert.equal(event?.source, '192.0.2.7');
    assert.equal((event?.details as { username?: string }).username, 'admin\\u0000');
  });

  it('#7 announces the largest accepted message: a valid WIS2 notification and an E-SOH message', async () => {
    await hub.identity.organisations.setAuthority(system, hub.provider.orgId, LARGEST_AUTHORITY, 'core');
    const message = largestMessage(hub.config.ingestLimits, minutesAgo(1));
    const res = await post([message]);
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const platform = message.properties.platform;
    const ours = (m: { json: any }) =>
      (m.json?.properties?.wigos_station_identifier ?? m.json?.properties?.platform) === platform;
    await sub.waitFor((messages) => messages.filter(ours).length >= 2);
    const [esoh] = sub.messages.filter((m) => ours(m) && m.topic.startsWith(`${topics.prefix}/`));
    const [wis2] = sub.messages.filter((m) => ours(m) && m.topic.startsWith('origin/a/wis2/'));
    assert.ok(esoh && wis2);
    assert.equal(
      esoh.topic,
      `${topics.prefix}/${LARGEST_AUTHORITY}/${platform}/${message.properties.content.standard_name}`,
    );
    assert.equal(esoh.json.properties.instrument, message.properties.instrument);
    assert.equal(wis2TopicProblem(wis2.topic), undefined);
    assert.ok(isLeafTopic(wis2.topic));
    assert.ok(validateWnmSchema(structuredClone(wis2.json)), JSON.stringify(validateWnmSchema.errors));
    assert.deepEqual(wnmProblems(wis2.json, wis2.payload), []);
    assert.equal(hub.relay.counts().invalid, 0);
  });

  it('#7 refuses what could not be announced: an 8 000-character instrument, a wildcard in a platform', async () => {
    const long = await post(
      withMutation('0-20000-0-00430', (m) => (m.properties.instrument = 'i'.repeat(8000))),
    );
    assert.equal(long.statusCode, 422);
    assert.deepEqual(long.json().errors, [
      { path: '/0/properties/instrument', message: 'must have at most 128 characters' },
    ]);
    const wildcard = await post(withMutation('0-20000-0-8889#', () => undefined));
    assert.equal(wildcard.statusCode, 422);
    assert.match(wildcard.json().errors[0].message, /wildcard/);
  });

  it('#8 refuses a 1 MB link and more links than INGEST_MAX_LINKS', async () => {
    const huge = await post(
      withMutation('0-20000-0-00440', (m) => (m.links[0].href = `https://x/${'a'.repeat(1 << 20)}`)),
    );
    assert.equal(huge.statusCode, 422);
    assert.ok(huge.body.length < 1000);
    assert.deepEqual(huge.json().errors, [
      { path: '/0/links/0/href', message: 'must have at most 2048 characters' },
    ]);
    const many = await post(
      withMutation('0-20000-0-00441', (m) => (m.links = new Array(11).fill(m.links[0]))),
    );
    assert.equal(many.statusCode, 422);
    assert.deepEqual(many.json().errors, [
      { path: '/0/links', message: 'must have at most 10 items (INGEST_MAX_LINKS)' },
    ]);
  });

  it('#10 refuses invalid UTF-8 with 400 and a lone surrogate escape with 422; nothing is rewritten', async () => {
    const text = JSON.stringify(withMutation('0-20000-0-00450', (m) => (m.properties.summary = 'SUMMARY')));
    const [head, tail] = text.split('SUMMARY') as [string, string];
    for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const res = await post(Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]));
      assert.equal(res.statusCode, 400, `${bad.join(' ')}: ${res.body}`);
      assert.match(res.json().detail, /not valid UTF-8/);
    }
    const escaped = await post(`${head}\\ud800${tail}`);
    assert.equal(escaped.statusCode, 422);
    assert.equal(escaped.json().errors[0].path, '/0/properties/summary');
    assert.equal(
      (await storedValues(hub.storage, '0-20000-0-00450', 'air_temperature:2.0:mean:PT1M')).length,
      0,
    );
  });

  it('#11 refuses values that are not finite numbers: "1e400", "inf", "nan", 1e400', async () => {
    for (const value of ['1e400', 'inf', 'nan', '-Infinity']) {
      const res = await post(withMutation('0-20000-0-00460', (m) => (m.properties.content.value = value)));
      assert.equal(res.statusCode, 422, value);
      assert.deepEqual(res.json().errors, [
        { path: '/0/properties/content/value', message: `${JSON.stringify(value)} is not a finite number` },
      ]);
    }
    const text = JSON.stringify(
      withMutation('0-20000-0-00460', (m) => (m.properties.content.value = 0)),
    ).replace('"value":0', '"value":1e400');
    const number = await post(text);
    assert.equal(number.statusCode, 422);
    assert.equal(number.json().errors[0].path, '/0/properties/content/value');
  });

  it('#12 names a level of -0.001 m as E-SOH does (0.0), so it can be queried', async () => {
    const res = await post([
      esohMessage({ platform: '0-20000-0-00470', level: '-0.001', datetime: minutesAgo(1) }),
    ]);
    assert.equal(res.statusCode, 200, res.body);
    const name = 'air_temperature:0.0:mean:PT1M';
    const query = await hub.app.inject(
      `/collections/observations/locations/0-20000-0-00470?parameter-name=${name}`,
    );
    assert.equal(query.statusCode, 200, query.body);
    assert.deepEqual(Object.keys(query.json().parameters), [name]);
  });

  it('answers any body, however hostile, with 200 or a 4xx problem that says why, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(), async (body) => {
        const res = await post(body);
        const shown = body.toString().slice(0, 200);
        assert.ok(res.statusCode < 500, `${res.statusCode} for ${shown}: ${res.body}`);
        if (res.statusCode !== 200) assert.ok(res.json().detail, res.body);
      }),
      { seed: 11, numRuns: 150 },
    );
    assert.equal((await hub.app.inject('/health')).statusCode, 200);
  });
});
