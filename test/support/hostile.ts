// fast-check arbitraries of hostile ingest input (issue 11): strings with NUL characters, unpaired
// surrogates, MQTT wildcards and 4-byte characters; numbers at and beyond every limit; deep nesting;
// valid E-SOH messages with some of their fields replaced by such values; raw bodies that are not JSON
// or not UTF-8. Shared by the property tests of the ingest rules and of the HTTP route.
import fc from 'fast-check';
import { esohMessage, minutesAgo } from './messages.js';

/** Characters that break something somewhere (storage, topics, JSON, URL-encoding, number parsing). */
const TRICKY = [
  '\u0000',
  '\ud800',
  '\udc00',
  '\u{1D11E}',
  'é',
  '#',
  '+',
  '/',
  '"',
  '\\',
  ' ',
  '\t',
  '\u0007',
  '-',
  '.',
  ',',
  ':',
  'e',
  'E',
  'P',
  'T',
  'S',
  'Z',
  '0',
  '1',
  '9',
  'a',
];

/** Short strings of tricky characters, known troublemakers, and long strings around the limits. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 24 }),
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'org.other\u0000',
      '\ud800',
      'x\udfff',
      '1e400',
      '-1e400',
      'inf',
      '-Infinity',
      'nan',
      ' NaN ',
      '-0',
      '-0.001',
      '1e9',
      '21474836.48',
      'PT2147483648S',
      'P99999999999999999999W',
      '0-20000-0-8889#',
      '0-20000-0-a/b',
      'nl.knmi',
      '2026-02-30T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ),
    fc
      .tuple(
        fc.constantFrom('x', 'é', '\u{1D11E}', '"'),
        fc.constantFrom(63, 64, 65, 128, 129, 256, 257, 1024, 1025, 2049),
      )
      .map(([c, n]) => c.repeat(n)),
  );
}

/** Numbers a JSON body can carry that sit at or beyond some limit (JSON has no NaN or Infinity). */
export function hostileNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(
      -0,
      2147483647,
      2147483648,
      -2147483648,
      -2147483649,
      3e7,
      21474836.47,
      21474836.48,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      0.1,
      -0.001,
    ),
  );
}

/** Any JSON value, with hostile strings and numbers, nested up to a depth that exceeds the limit. */
export function hostileValue(): fc.Arbitrary<unknown> {
  const nested = fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom<unknown>(1, 'x', null, {}))
    .map(([depth, leaf]) => {
      let v = leaf;
      for (let i = 0; i < depth; i++) v = i % 2 ? { k: v } : [v];
      return v;
    });
  return fc.oneof(
    { arbitrary: hostileString(), weight: 4 },
    { arbitrary: hostileNumber(), weight: 3 },
    { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}), weight: 1 },
    { arbitrary: nested, weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(hostileString(), hostileString(), { maxKeys: 3 }), weight: 1 },
  );
}

/** Where a mutation may land in an E-SOH message (new keys too: unknown properties, link members). */
const PATHS = [
  ['type'],
  ['version'],
  ['geometry'],
  ['geometry', 'coordinates', 'lat'],
  ['geometry', 'coordinates', 'lon'],
  ['links'],
  ['links', 0, 'href'],
  ['links', 0, 'title'],
  ['links', 0, 'length'],
  ['links', 0, 'extra'],
  ['properties', 'summary'],
  ['properties', 'title'],
  ['properties', 'keywords'],
  ['properties', 'naming_authority'],
  ['properties', 'platform'],
  ['properties', 'instrument'],
  ['properties', 'level'],
  ['properties', 'period'],
  ['properties', 'function'],
  ['properties', 'datetime'],
  ['properties', 'quality_code'],
  ['properties', 'quality_code_vocabulary'],
  ['properties', 'hamsl'],
  ['properties', 'history'],
  ['properties', 'parameter_name'],
  ['properties', 'content', 'value'],
  ['properties', 'content', 'unit'],
  ['properties', 'content', 'standard_name'],
  ['properties', 'content', 'size'],
] as const;

function setAt(target: any, path: readonly (string | number)[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== 'object') at[key] = {};
    at = at[key];
  }
  at[path[path.length - 1]!] = value;
}

/** Single changes that each once made a valid message fail later than validation (issue 11). */
const KNOWN_TROUBLE: [readonly (string | number)[], unknown][] = [
  [['properties', 'hamsl'], 3e7],
  [['properties', 'level'], '1e9'],
  [['properties', 'level'], '-0.001'],
  [['properties', 'period'], 'PT2147483648S'],
  [['properties', 'quality_code'], 2147483648],
  [['properties', 'summary'], 'a\u0000b'],
  [['properties', 'history'], 'x\ud800'],
  [['links', 0, 'title'], '\udfff'],
  [['links', 0, 'extra'], { k: '\u0000' }],
  [['properties', 'platform'], '0-20000-0-8889#'],
  [['properties', 'instrument'], 'i'.repeat(8000)],
  [['properties', 'content', 'value'], 'inf'],
  [['properties', 'content', 'value'], '1e400'],
  [['links', 0, 'href'], `https://x/${'a'.repeat(100_000)}`],
];

/** Numbers written as text: up to 150 decimals, large exponents. */
export function numericText(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.integer({ min: 0, max: 999_999 }),
      fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
      fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }),
    )
    .map(
      ([sign, whole, decimals, exponent]) =>
        `${sign}${whole}${decimals === undefined ? '' : `.${'7'.repeat(decimals)}`}${exponent === undefined ? '' : `e${exponent}`}`,
    );
}

/** Standard names and units whose values E-SOH converts (the value's decimals are kept). */
const CONVERSIONS = [
  ['air_temperature', 'K'],
  ['air_pressure', 'Pa'],
  ['relative_humidity', '1'],
  ['duration_of_sunshine', 'minutes'],
  ['duration_of_sunshine', 'h'],
] as const;

/** A value given in a unit that is converted: the conversion must never fail other than with a problem. */
const converted = fc
  .tuple(fc.constantFrom(...CONVERSIONS), fc.oneof(numericText(), hostileString()))
  .map(([[name, unit], value]) => ({ name, unit, value }));

/** A valid message (a station of its own, the last hour) with 0 to 3 fields replaced by hostile values. */
export function hostileMessage(): fc.Arbitrary<any> {
  const mutation = fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(...PATHS), hostileValue()), weight: 3 },
    { arbitrary: fc.constantFrom(...KNOWN_TROUBLE), weight: 1 },
    {
      arbitrary: converted.map(
        ({ name, unit, value }) =>
          [['properties', 'content'], { encoding: 'utf-8', standard_name: name, unit, value }] as const,
      ),
      weight: 1,
    },
  );
  return fc
    .tuple(
      fc.integer({ min: 1, max: 99_999 }),
      fc.integer({ min: 1, max: 60 }),
      fc.array(mutation, { maxLength: 3 }),
    )
    .map(([station, minutes, mutations]) => {
      const m = esohMessage({ platform: `0-20000-0-${station}`, datetime: minutesAgo(minutes) });
      // Quality codes are checked only with their vocabulary: give it, so the code itself is checked.
      m.properties.quality_code_vocabulary = 'test';
      for (const [path, value] of mutations) setAt(m, path, value);
      return m;
    });
}

/**
 * A request body: random JSON, hostile messages or batches of them (some with numbers written as 1e400,
 * which only the text can hold), or raw bytes that may not be UTF-8.
 */
export function hostileBody(): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { arbitrary: fc.json({ maxDepth: 4 }), weight: 1 },
    { arbitrary: hostileMessage().map((m) => JSON.stringify(m)), weight: 3 },
    { arbitrary: fc.array(hostileMessage(), { maxLength: 4 }).map((b) => JSON.stringify(b)), weight: 3 },
    {
      arbitrary: hostileMessage().map((m) => JSON.stringify(m).replace('"value":"4.5"', '"value":-1e400')),
      weight: 1,
    },
    { arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
  );
}
