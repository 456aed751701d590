// Validation and normalisation of an E-SOH batch: problems are collected with their JSON path, so a
// provider can fix a whole batch at once, but at most fixedLimits.listedProblems of them are listed (with
// the number of invalid messages), so that an answer never grows with a hostile body. Over HTTP the
// body's shape (message count, nesting, array lengths) was measured before it was parsed (bodyShape.ts);
// here the batch size is checked again for every caller. Nothing here does I/O.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { canonicalStandardName } from '../core/cf.js';
import { formatUtc, parseUtcInstant } from '../core/datetime.js';
import { formatDurationSeconds, parseDurationSeconds } from '../core/duration.js';
import type { Problem } from '../core/errors.js';
import { namingAuthorityProblem } from '../core/namingAuthority.js';
import {
  columnRanges,
  seriesTextFields,
  type Link,
  type Observation,
  type Series,
  type SeriesMetadata,
} from '../core/observation.js';
import { levelToCm, parameterName, seriesKey, timeseriesId } from '../core/series.js';
import { textProblem } from '../core/text.js';
import { normaliseUnit } from '../core/units.js';
import { wigosIdProblem } from '../core/wigos.js';
import { esohMessageSchema, type EsohLink, type EsohMessage } from './esohMessage.js';
import { fixedLimits, tooManyMessages, type IngestLimits } from './limits.js';

interface Validators {
  /** Stops at the first error: tells valid from invalid. */
  fast: ValidateFunction<EsohMessage>;
  /** Every error, with the schema that failed (for the setting that sets a limit). */
  full: ValidateFunction<EsohMessage>;
}

/**
 * `maxLength` counts code points (as Python's len() does), which Ajv does by walking every string; most
 * strings are decided by their UTF-16 length alone (a code point is one or two units), so only those
 * between the limit and twice the limit are walked. Same rule, a fraction of the cost on every message.
 */
function withCheapMaxLength(ajv: Ajv): Ajv {
  ajv.removeKeyword('maxLength');
  ajv.addKeyword({
    keyword: 'maxLength',
    type: 'string',
    schemaType: 'number',
    validate: (limit: number, text: string) =>
      text.length <= limit || (text.length <= 2 * limit && [...text].length <= limit),
  });
  return ajv;
}

const validators = new Map<string, Validators>();

function validatorsFor(limits: IngestLimits): Validators {
  const key = `${limits.maxTextLength}/${limits.maxLinks}`;
  let v = validators.get(key);
  if (!v) {
    const schema = esohMessageSchema(limits);
    v = {
      fast: withCheapMaxLength(new Ajv({ strict: false })).compile<EsohMessage>(schema),
      full: withCheapMaxLength(
        new Ajv({ allErrors: true, verbose: true, strict: false }),
      ).compile<EsohMessage>(schema),
    };
    validators.set(key, v);
  }
  return v;
}

export interface Window {
  /** Oldest accepted observation time (epoch ms), or null for no lower bound. */
  fromMs: number | null;
  /** Latest accepted observation time (epoch ms). */
  toMs: number;
  /** How the window is described in messages, e.g. "PT24H". */
  retention: string;
  futureTolerance: string;
}

export interface NormalisedBatch {
  observations: Observation[];
  duplicates: number;
  /** At most fixedLimits.listedProblems, in message order. */
  problems: Problem[];
  /** Messages in the batch, and how many of them have problems. */
  messages: number;
  invalidMessages: number;
  /** True when some problems are not listed. */
  truncated: boolean;
}

function describe(err: ErrorObject): Problem {
  const params = err.params as Record<string, unknown>;
  const setting: unknown = err.parentSchema?.['x-setting'];
  const named = typeof setting === 'string' ? ` (${setting})` : '';
  switch (err.keyword) {
    case 'maxLength': // withCheapMaxLength: the limit is the schema value
      return {
        path: err.instancePath,
        message: `must have at most ${String(err.schema)} characters${named}`,
      };
    case 'maxItems':
      return { path: err.instancePath, message: `must have at most ${String(params.limit)} items${named}` };
    case 'pattern':
      // The only pattern: storable text (no NUL, no unpaired surrogate).
      return { path: err.instancePath, message: textProblem(String(err.data)) ?? 'is not storable text' };
    case 'maximum':
      return { path: err.instancePath, message: `must be at most ${String(params.limit)}` };
    case 'minimum':
      return { path: err.instancePath, message: `must be at least ${String(params.limit)}` };
    case 'required':
      return { path: `${err.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'enum':
      return {
        path: err.instancePath,
        message: `must be one of ${(params.allowedValues as string[]).join(', ')}`,
      };
    case 'const':
      return { path: err.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'minItems':
      return { path: err.instancePath, message: `must have at least ${String(params.limit)} item(s)` };
    case 'type':
      return { path: err.instancePath, message: `must be of type ${String(params.type)}` };
    default:
      return { path: err.instancePath, message: err.message ?? 'is invalid' };
  }
}

/** Ajv reports one error per branch of a union; keep one clear message per path. */
function structuralProblems(errors: readonly ErrorObject[], prefix: string): Problem[] {
  const byPath = new Map<string, Problem[]>();
  for (const err of errors) {
    if (err.keyword === 'anyOf') continue;
    const problem = describe(err);
    const list = byPath.get(problem.path) ?? [];
    list.push(problem);
    byPath.set(problem.path, list);
  }
  return [...byPath.entries()].map(([path, problems]) => {
    const literals = problems.filter((p) => p.message.startsWith('must be "'));
    const types = problems.filter((p) => p.message.startsWith('must be of type'));
    // A value of the right type that breaks a limit: the limit is the problem, not the other types.
    const limit = problems.find((p) => !literals.includes(p) && !types.includes(p));
    const message =
      literals.length > 1
        ? `must be one of ${literals.map((p) => p.message.slice(8)).join(', ')}`
        : limit
          ? limit.message
          : types.length > 1
            ? `must be of type ${types.map((p) => p.message.slice(16)).join(' or ')}`
            : (problems[0]?.message ?? 'is invalid');
    return { path: prefix + path, message };
  });
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(nan|inf|infinity)$/i;

/** Reads a number as Python's float() would (surrounding spaces allowed, nan/inf too). */
function parseNumber(input: string | number): number | undefined {
  if (typeof input === 'number') return input;
  const text = input.trim();
  if (NUMBER.test(text)) return Number(text);
  if (SPECIAL.test(text)) return /nan/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

/** A link as E-SOH keeps it: its known members only (unknown ones are dropped, as pydantic does). */
function knownLink(l: EsohLink): Link {
  const link: Link = { href: l.href, rel: l.rel };
  if (l.type !== undefined) link.type = l.type;
  if (l.hreflang !== undefined) link.hreflang = l.hreflang;
  if (l.title !== undefined) link.title = l.title;
  if (l.length !== undefined) link.length = l.length;
  return link;
}

/** How many times `char` occurs in `text`. */
function countOf(char: string, text: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n++;
  return n;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const metres = (cm: number) => (cm / 100).toFixed(2);
/** A value as a problem quotes it (a number JSON cannot write, such as 1e400 read as Infinity, as is). */
const shown = (value: string | number) => (typeof value === 'number' ? String(value) : JSON.stringify(value));

function metadataOf(m: EsohMessage, unit: string): SeriesMetadata {
  const p = m.properties as Partial<Record<(typeof seriesTextFields)[number]['key'], string>>;
  // Built member by member into one object: two thirds of the cost of fromEntries and a spread.
  const metadata: Record<string, unknown> = { unit };
  for (const f of seriesTextFields) metadata[f.column] = p[f.key] ?? null;
  metadata.version = m.version;
  metadata.links = m.links.map(knownLink);
  return metadata as unknown as SeriesMetadata;
}

/** Checks one structurally valid message; returns the observation or adds its problems. */
function normaliseMessage(
  m: EsohMessage,
  at: string,
  window: Window,
  problems: Problem[],
  seriesOfBatch: Map<string, Series>,
): Observation | undefined {
  const before = problems.length;
  const p = m.properties;
  const problem = (path: string, message: string) => problems.push({ path: `${at}${path}`, message });

  const lat = parseNumber(m.geometry.coordinates.lat);
  const lon = parseNumber(m.geometry.coordinates.lon);
  if (lat === undefined || !(lat >= -90 && lat <= 90)) {
    problem(
      '/geometry/coordinates/lat',
      `${shown(m.geometry.coordinates.lat)} is not a latitude from -90 to 90`,
    );
  }
  if (lon === undefined || !(lon >= -180 && lon <= 180)) {
    problem(
      '/geometry/coordinates/lon',
      `${shown(m.geometry.coordinates.lon)} is not a longitude from -180 to 180`,
    );
  }

  const authority = namingAuthorityProblem(p.naming_authority);
  if (authority) problem('/properties/naming_authority', authority);

  const wigos = wigosIdProblem(p.platform);
  if (wigos) problem('/properties/platform', wigos);

  const level = parseNumber(p.level);
  const { levelCm: levels, periodS: periods, camsl: heights } = columnRanges;
  const levelCm = level === undefined || !Number.isFinite(level) ? undefined : levelToCm(level);
  if (levelCm === undefined) {
    problem('/properties/level', `${shown(p.level)} is not a height in metres`);
  } else if (levelCm < levels.min || levelCm > levels.max) {
    problem(
      '/properties/level',
      `${shown(p.level)} is outside the levels the hub stores, ${metres(levels.min)} to ${metres(levels.max)} m`,
    );
  }

  const period = parseDurationSeconds(p.period);
  if (!period.ok) problem('/properties/period', period.reason);
  else if (period.seconds > periods.max) {
    problem(
      '/properties/period',
      `"${p.period}" is longer than the longest period the hub stores, ${formatDurationSeconds(periods.max)} (${periods.max} s)`,
    );
  }

  const camsl = p.hamsl === undefined ? null : Math.trunc(p.hamsl * 100) + 0;
  if (camsl !== null && (camsl < heights.min || camsl > heights.max)) {
    problem(
      '/properties/hamsl',
      `${p.hamsl} is outside the heights the hub stores, ${metres(heights.min)} to ${metres(heights.max)} m`,
    );
  }

  if (p.keywords !== undefined && countOf(',', p.keywords) >= fixedLimits.keywords) {
    problem('/properties/keywords', `must have at most ${fixedLimits.keywords} comma-separated keywords`);
  }

  const time = parseUtcInstant(p.datetime);
  if (!time.ok) problem('/properties/datetime', time.reason);
  else if (window.fromMs !== null && time.epochMs < window.fromMs) {
    problem(
      '/properties/datetime',
      `"${p.datetime}" is older than the retention window (${window.retention}); the oldest accepted time is ${formatUtc(window.fromMs)}`,
    );
  } else if (time.epochMs > window.toMs) {
    problem(
      '/properties/datetime',
      `"${p.datetime}" is more than ${window.futureTolerance} in the future; the latest accepted time is ${formatUtc(window.toMs)}`,
    );
  }

  if (p.quality_code !== undefined && !p.quality_code_vocabulary) {
    problem('/properties/quality_code_vocabulary', 'is required when quality_code is given');
  }

  const standardName = canonicalStandardName(p.content.standard_name.trim());
  const valueText = String(p.content.value).trim();
  let unit: string | undefined;
  let value = valueText;
  if (standardName === undefined) {
    problem('/properties/content/standard_name', `"${p.content.standard_name}" is not a CF standard name`);
  } else {
    const normalised = normaliseUnit(standardName, p.content.unit.trim(), valueText);
    if (normalised.ok) ({ unit, value } = normalised);
    else problem('/properties/content/unit', normalised.reason);
  }
  // Numbers are stored as numbers: a value that reads as one must be finite (E-SOH's float() accepts
  // "nan", "inf" and 1e400, which no JSON answer can carry). Any other text is kept as text.
  const number = parseNumber(value);
  if (number !== undefined && !Number.isFinite(number)) {
    problem(
      '/properties/content/value',
      `${shown(p.content.value)} is not a finite number${value !== valueText ? ` once converted to ${unit}` : ''}`,
    );
  } else if (number === undefined && CONTROL.test(value)) {
    problem('/properties/content/value', 'contains a control character');
  }

  if (
    problems.length > before ||
    standardName === undefined ||
    unit === undefined ||
    levelCm === undefined ||
    !period.ok ||
    !time.ok
  ) {
    return undefined;
  }
  const identity = {
    namingAuthority: p.naming_authority,
    platform: p.platform,
    standardName,
    levelCm,
    function: p.function,
    periodS: period.seconds,
    instrument: p.instrument ?? null,
  };
  const key = seriesKey(identity);
  let series = seriesOfBatch.get(key);
  if (series) {
    series.metadata = metadataOf(m, unit); // the last message's metadata wins, as in E-SOH
  } else {
    series = {
      ...identity,
      key,
      parameterName: parameterName(identity),
      timeseriesId: timeseriesId(identity),
      metadata: metadataOf(m, unit),
    };
    seriesOfBatch.set(key, series);
  }
  return {
    series,
    lon: lon as number,
    lat: lat as number,
    obstimeMs: time.epochMs,
    value: number ?? null,
    valueText: number === undefined ? value : null,
    qualityCode: p.quality_code ?? null,
    camsl,
    history: p.history ?? null,
    processingLevel: p.processing_level ?? null,
  };
}

/**
 * Validates a request body (one message or an array of them) and normalises it. Duplicates (same series
 * and time) are dropped, keeping the first, as E-SOH does. When any problem is found, no observation is
 * returned: a batch is accepted or rejected as a whole. Throws BATCH_TOO_LARGE above limits.maxMessages.
 */
export function normaliseBatch(body: unknown, window: Window, limits: IngestLimits): NormalisedBatch {
  const isArray = Array.isArray(body);
  const messages: unknown[] = isArray ? body : [body];
  const rejected = (problems: Problem[], invalidMessages: number, truncated: boolean): NormalisedBatch => ({
    observations: [],
    duplicates: 0,
    problems,
    messages: messages.length,
    invalidMessages,
    truncated,
  });
  if (isArray && messages.length === 0)
    return rejected([{ path: '', message: 'the batch is empty' }], 0, false);
  if (messages.length > limits.maxMessages) throw tooManyMessages(limits.maxMessages);

  const { fast, full } = validatorsFor(limits);
  const listed: Problem[] = [];
  let invalidMessages = 0;
  let truncated = false;
  const observations: Observation[] = [];
  const seriesOfBatch = new Map<string, Series>();
  const own: Problem[] = []; // the problems of one message
  messages.forEach((message, i) => {
    const at = isArray ? `/${i}` : '';
    const room = fixedLimits.listedProblems - listed.length;
    own.length = 0;
    if (!fast(message)) {
      // Every error only while there is room to list them; otherwise the message is only counted.
      const errors = room > 0 && !full(message) ? structuralProblems(full.errors ?? [], at) : [];
      own.push(...(errors.length > 0 ? errors : [{ path: at, message: 'is invalid' }]));
    } else {
      const observation = normaliseMessage(message, at, window, own, seriesOfBatch);
      if (observation) observations.push(observation);
    }
    if (own.length === 0) return;
    invalidMessages++;
    if (own.length > room) truncated = true;
    listed.push(...own.slice(0, room));
  });
  if (invalidMessages > 0) return rejected(listed, invalidMessages, truncated);

  const seen = new Set<string>();
  const unique = observations.filter((o) => {
    const key = `${o.series.key}@${o.obstimeMs}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    observations: unique,
    duplicates: observations.length - unique.length,
    problems: [],
    messages: messages.length,
    invalidMessages: 0,
    truncated: false,
  };
}
