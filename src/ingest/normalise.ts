// Validation and normalisation of an E-SOH batch: every problem of every message is collected with its
// JSON path, so a provider can fix a whole batch at once. Nothing here does I/O.
import { Ajv, type ErrorObject } from 'ajv';
import { canonicalStandardName } from '../core/cf.js';
import { formatUtc, parseUtcInstant } from '../core/datetime.js';
import { parseDurationSeconds } from '../core/duration.js';
import type { Problem } from '../core/errors.js';
import type { Observation, Series, SeriesMetadata } from '../core/observation.js';
import { levelToCm, parameterName, seriesKey, timeseriesId } from '../core/series.js';
import { normaliseUnit } from '../core/units.js';
import { wigosIdProblem } from '../core/wigos.js';
import { EsohMessage } from './esohMessage.js';

const validateStructure = new Ajv({ allErrors: true, strict: false }).compile<EsohMessage>(EsohMessage);

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
  problems: Problem[];
}

function describe(err: ErrorObject): Problem {
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
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
    const message =
      literals.length > 1
        ? `must be one of ${literals.map((p) => p.message.slice(8)).join(', ')}`
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

function metadataOf(m: EsohMessage, unit: string): SeriesMetadata {
  const p = m.properties;
  return {
    unit,
    platform_name: p.platform_name ?? null,
    platform_vocabulary: p.platform_vocabulary ?? null,
    instrument_vocabulary: p.instrument_vocabulary ?? null,
    quality_code_vocabulary: p.quality_code_vocabulary ?? null,
    title: p.title ?? null,
    summary: p.summary,
    keywords: p.keywords ?? null,
    keywords_vocabulary: p.keywords_vocabulary ?? null,
    license: p.license,
    conventions: p.Conventions,
    creator_type: p.creator_type ?? null,
    creator_name: p.creator_name ?? null,
    creator_email: p.creator_email ?? null,
    creator_url: p.creator_url ?? null,
    institution: p.institution ?? null,
    project: p.project ?? null,
    source: p.source ?? null,
    version: m.version,
    links: m.links,
  };
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
      `${JSON.stringify(m.geometry.coordinates.lat)} is not a latitude from -90 to 90`,
    );
  }
  if (lon === undefined || !(lon >= -180 && lon <= 180)) {
    problem(
      '/geometry/coordinates/lon',
      `${JSON.stringify(m.geometry.coordinates.lon)} is not a longitude from -180 to 180`,
    );
  }

  const wigos = wigosIdProblem(p.platform);
  if (wigos) problem('/properties/platform', wigos);

  const level = parseNumber(p.level);
  if (level === undefined || !Number.isFinite(level)) {
    problem('/properties/level', `${JSON.stringify(p.level)} is not a height in metres`);
  }

  const period = parseDurationSeconds(p.period);
  if (!period.ok) problem('/properties/period', period.reason);

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

  if (
    problems.length > before ||
    standardName === undefined ||
    unit === undefined ||
    !period.ok ||
    !time.ok
  ) {
    return undefined;
  }
  const identity = {
    namingAuthority: p.naming_authority,
    platform: p.platform,
    standardName,
    levelCm: levelToCm(level as number),
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
  const number = parseNumber(value);
  return {
    series,
    lon: lon as number,
    lat: lat as number,
    obstimeMs: time.epochMs,
    value: number ?? null,
    valueText: number === undefined ? value : null,
    qualityCode: p.quality_code ?? null,
    camsl: p.hamsl === undefined ? null : Math.trunc(p.hamsl * 100),
    history: p.history ?? null,
    processingLevel: p.processing_level ?? null,
  };
}

/**
 * Validates a request body (one message or an array of them) and normalises it. Duplicates (same series
 * and time) are dropped, keeping the first, as E-SOH does. When any problem is found, no observation is
 * returned: a batch is accepted or rejected as a whole.
 */
export function normaliseBatch(body: unknown, window: Window): NormalisedBatch {
  const problems: Problem[] = [];
  const isArray = Array.isArray(body);
  const messages: unknown[] = isArray ? body : [body];
  if (isArray && messages.length === 0) {
    return { observations: [], duplicates: 0, problems: [{ path: '', message: 'the batch is empty' }] };
  }
  const observations: Observation[] = [];
  const seriesOfBatch = new Map<string, Series>();
  messages.forEach((message, i) => {
    const at = isArray ? `/${i}` : '';
    if (!validateStructure(message)) {
      problems.push(...structuralProblems(validateStructure.errors ?? [], at));
      return;
    }
    const observation = normaliseMessage(message, at, window, problems, seriesOfBatch);
    if (observation) observations.push(observation);
  });
  if (problems.length > 0) return { observations: [], duplicates: 0, problems };

  const seen = new Set<string>();
  const unique = observations.filter((o) => {
    const key = `${o.series.key}@${o.obstimeMs}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { observations: unique, duplicates: observations.length - unique.length, problems };
}
