// Property-based tests (fast-check, fixed seed, bounded runs) of the ingest rules and the parsers they
// use (issue 11's reliability suite): whatever the input, validation answers with problems that say
// where and why, never throws; and whatever it accepts can be stored and announced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatUtc, parseUtcInstant } from '../../src/core/datetime.js';
import { formatDurationSeconds, parseDurationSeconds } from '../../src/core/duration.js';
import { ObshubError } from '../../src/core/errors.js';
import { topicLevelProblem } from '../../src/core/mqttTopic.js';
import { namingAuthorityProblem } from '../../src/core/namingAuthority.js';
import type { Observation } from '../../src/core/observation.js';
import { parseLevels } from '../../src/core/querySyntax.js';
import { levelToCm } from '../../src/core/series.js';
import { storableText, textProblem } from '../../src/core/text.js';
import { wigosIdProblem } from '../../src/core/wigos.js';
import { scanBodyShape } from '../../src/ingest/bodyShape.js';
import { normaliseBatch, type Window } from '../../src/ingest/normalise.js';
import { buildWnm, esohTopicProblem, wnmProblems } from '../../src/notify/index.js';
import { hostileMessage, hostileString, hostileValue } from '../support/hostile.js';
import { outboxEntryOf } from '../support/largest.js';
import { defaultLimits } from '../support/messages.js';

const SEED = 11;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

const window = (): Window => ({
  fromMs: Date.now() - 86_400_000,
  toMs: Date.now() + 600_000,
  retention: 'PT24H',
  futureTolerance: 'PT10M',
});

const INT4 = (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31;

const WNM_SETTINGS = {
  centreId: 'xx-obshub-test',
  dataPolicy: 'core',
  subTopic: 'weather/surface-based-observations/synop',
  metadataId: 'urn:wmo:md:xx-obshub-test:surface-weather-observations',
  publicUrl: 'https://hub.example.org',
};

/** Every string in a value (keys too). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, strings(k, out));
  }
  return out;
}

/** What an accepted observation must be: storable in its columns and announceable on every topic. */
function assertStorableAndAnnounceable(o: Observation): void {
  for (const s of strings(o)) assert.equal(textProblem(s), undefined, JSON.stringify(s));
  assert.ok(Number.isFinite(o.lat) && Number.isFinite(o.lon));
  assert.ok(o.value === null || Number.isFinite(o.value), String(o.value));
  for (const n of [o.series.levelCm, o.series.periodS, o.qualityCode ?? 0, o.camsl ?? 0])
    assert.ok(INT4(n), String(n));
  assert.ok(!Object.is(o.series.levelCm, -0));
  // The parameter name can be queried: its level reads back as the stored level.
  const level = o.series.parameterName.split(':')[1]!;
  assert.deepEqual(parseLevels(level), [{ eq: o.series.levelCm }]);
  const entry = outboxEntryOf(o);
  assert.equal(esohTopicProblem('obshub', entry), undefined);
  const wnm = buildWnm(WNM_SETTINGS, entry);
  assert.deepEqual(wnmProblems(wnm), []);
}

/** Runs normaliseBatch and checks what any answer must be; returns it. */
function checkedBatch(body: unknown) {
  let result;
  try {
    result = normaliseBatch(body, window(), defaultLimits);
  } catch (err) {
    assert.ok(err instanceof ObshubError && err.code === 'BATCH_TOO_LARGE', String(err));
    return undefined;
  }
  assert.ok(result.problems.length <= 100);
  for (const p of result.problems) {
    assert.equal(typeof p.path, 'string');
    assert.ok(p.path === '' || p.path.startsWith('/'), p.path);
    assert.ok(typeof p.message === 'string' && p.message.length > 0);
  }
  if (result.problems.length === 0) result.observations.forEach(assertStorableAndAnnounceable);
  return result;
}

describe('property: ingest validation', () => {
  it('answers any JSON value with problems or observations, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (body) => void checkedBatch(body)),
      runs(500),
    );
  });

  it('refuses hostile messages with their path, and accepts only what can be stored and announced', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(hostileMessage(), { minLength: 1, maxLength: 4 }), (batch) => {
        if ((checkedBatch(batch)?.observations.length ?? 0) > 0) accepted++;
      }),
      runs(600),
    );
    assert.ok(accepted > 50, `only ${accepted} batches were accepted: the property would test little`);
  });

  it('never throws on a hostile value in place of a whole message or batch', () => {
    fc.assert(
      fc.property(hostileValue(), (body) => void checkedBatch(body)),
      runs(300),
    );
  });
});

/** Containers on the deepest path of a JSON value. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** The longest array in a JSON value, the value itself left out. */
function longestInner(value: unknown, root = true): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  const own = Array.isArray(value) && !root ? value.length : 0;
  return Math.max(own, ...children.map((c) => longestInner(c, false)));
}

/** The value at a JSON Pointer. */
function at(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], value);
}

describe('property: the body shape read from bytes', () => {
  it('agrees with the parsed value: items, inner arrays and depth, with the path of what is too big', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.record({
          maxItems: fc.integer({ min: 1, max: 6 }),
          maxInnerItems: fc.integer({ min: 1, max: 6 }),
          maxDepth: fc.integer({ min: 1, max: 5 }),
        }),
        (value, limits) => {
          const shape = scanBodyShape(Buffer.from(JSON.stringify(value)), limits);
          const tooMany = Array.isArray(value) && value.length > limits.maxItems;
          const tooLong = longestInner(value) > limits.maxInnerItems;
          const tooDeep = depthOf(value) > limits.maxDepth;
          if (shape.ok) assert.ok(!tooMany && !tooLong && !tooDeep);
          else if ('tooManyItems' in shape) assert.ok(tooMany);
          else if ('tooLongAt' in shape) {
            const found = at(value, shape.tooLongAt);
            assert.ok(Array.isArray(found) && found.length > limits.maxInnerItems, shape.tooLongAt);
          } else {
            assert.ok(tooDeep);
            const found = at(value, shape.tooDeepAt);
            assert.ok(found !== null && typeof found === 'object', shape.tooDeepAt);
          }
          if (!tooMany && !tooLong && !tooDeep) assert.ok(shape.ok);
        },
      ),
      runs(1000),
    );
  });

  it('never throws on bytes that are not JSON', () => {
    const limits = { maxItems: 3, maxInnerItems: 3, maxDepth: 3 };
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        (bytes) => void scanBodyShape(Buffer.from(bytes), limits),
      ),
      runs(1000),
    );
  });
});

describe('property: core parsers', () => {
  it('durations: whole non-negative seconds that format and parse back, or a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(),
          fc.stringMatching(/^P(\d{1,4}W)?(\d{1,4}D)?(T(\d{1,5}H)?(\d{1,5}M)?(\d{1,9}S)?)?$/),
        ),
        (text) => {
          const d = parseDurationSeconds(text);
          if (!d.ok) return assert.ok(d.reason.length > 0);
          assert.ok(Number.isInteger(d.seconds) && d.seconds >= 0, String(d.seconds));
          assert.deepEqual(parseDurationSeconds(formatDurationSeconds(d.seconds)), d);
        },
      ),
      runs(1000),
    );
  });

  it('date-times: a UTC instant that formats and parses back, or a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        (text) => {
          const t = parseUtcInstant(text);
          if (!t.ok) return assert.ok(t.reason.length > 0);
          assert.ok(Number.isFinite(t.epochMs));
          if (t.epochMs >= 0 && t.epochMs < 253402300800000)
            assert.deepEqual(parseUtcInstant(formatUtc(t.epochMs)), t);
        },
      ),
      runs(1000),
    );
  });

  it('WIGOS ids and naming authorities: accepted ones are single MQTT topic levels', () => {
    const wigos = fc
      .tuple(fc.nat(70000), fc.nat(70000), fc.nat(70000), hostileString())
      .map(([a, b, c, local]) => `${a}-${b}-${c}-${local}`);
    fc.assert(
      fc.property(fc.oneof(wigos, hostileString()), (text) => {
        if (wigosIdProblem(text) === undefined) {
          assert.equal(text.split('-').length, 4);
          assert.equal(topicLevelProblem(text), undefined);
          assert.ok(!/\s/.test(text));
        }
        if (namingAuthorityProblem(text) === undefined) {
          assert.equal(topicLevelProblem(text), undefined);
          assert.match(text, /^[\x21-\x7e]+$/);
        }
      }),
      runs(1000),
    );
  });

  it('levels: Python int(metres * 100), an integer, never negative zero', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }), (metres) => {
        const cm = levelToCm(metres);
        assert.ok(Number.isInteger(cm) && !Object.is(cm, -0));
        assert.ok(Math.abs(cm) <= Math.abs(metres * 100) && Math.abs(metres * 100) - Math.abs(cm) < 1);
      }),
      runs(1000),
    );
  });

  it('text: storable text has no problem, and text without one is kept as it is', () => {
    fc.assert(
      fc.property(hostileString(), (text) => {
        const stored = storableText(text);
        assert.equal(textProblem(stored), undefined);
        if (textProblem(text) === undefined) assert.equal(stored, text);
      }),
      runs(1000),
    );
  });
});
