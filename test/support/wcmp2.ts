// The checks pywcmp runs on a WCMP2 record (wmo-im/pywcmp, pywcmp/wcmp2/ets.py and kpi.py, Apache-2.0),
// re-implemented for tests from reference/wis2.md: the ETS assertions and the KPI score with its grade.
import { readFileSync } from 'node:fs';
import { STANDARDS, validateWcmp2Schema } from './mqtt.js';

const TH = new URL('wis2/topic-hierarchy/topic-hierarchy/', STANDARDS);
const csv = (url: URL) =>
  readFileSync(url, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(',')[0]!.trim());

// WCMP2 codelists (wmo-im/wcmp2-codelists): resource types, contact roles, WIS link types.
const RESOURCE_TYPES = ['dataset', 'service', 'process'];
const CONTACT_ROLES = ['licensor', 'producer', 'processor', 'host', 'publisher'];
const WIS_LINK_TYPES = ['data', 'deletion', 'items', 'station', 'stations', 'update'];
// IANA link relations (the subset a record of ours may use; pywcmp checks against the whole registry).
const IANA_RELATIONS = [
  'about',
  'alternate',
  'canonical',
  'cite-as',
  'collection',
  'describedby',
  'item',
  'license',
  'preview',
  'related',
  'self',
  'service',
  'service-desc',
  'service-doc',
  'via',
];

export interface EtsResult {
  id: string;
  code: 'PASSED' | 'FAILED' | 'SKIPPED';
  message?: string;
}

/** pywcmp's ETS: one result per requirement. */
export function wcmp2Ets(record: any): EtsResult[] {
  const results: EtsResult[] = [];
  const test = (id: string, fn: () => string | undefined) => {
    const message = fn();
    results.push(message === undefined ? { id, code: 'PASSED' } : { id, code: 'FAILED', message });
  };
  const centreIds = csv(new URL('centre-id.csv', TH));
  test('validation', () =>
    validateWcmp2Schema(structuredClone(record)) ? undefined : JSON.stringify(validateWcmp2Schema.errors));
  test('identifier', () => {
    const tokens = String(record.id).split(':');
    if (tokens.length < 5) return 'identifier does not have at least five tokens';
    if (!record.id.startsWith('urn:wmo:md:')) return 'bad prefix';
    const local = tokens.slice(4).join(':');
    if (!local || /\s/.test(local)) return 'bad local identifier';
    const centre = tokens[3]!;
    if (!centre.endsWith('-test') && !centreIds.includes(centre)) return `Invalid centre_id: ${centre}`;
    if (!/^[\x00-\x7f]*$/.test(record.id)) return 'Invalid characters in id';
    return undefined;
  });
  test('conformance', () =>
    record.conformsTo?.includes('http://wis.wmo.int/spec/wcmp/2/conf/core')
      ? undefined
      : 'missing conformance');
  test('type', () => (RESOURCE_TYPES.includes(record.properties.type) ? undefined : 'invalid type'));
  test('extent_geospatial', () => {
    if (record.geometry === null) return undefined;
    const coords: number[][] = record.geometry.coordinates.flat(2).length
      ? record.geometry.coordinates.flat(1)
      : [];
    return coords.every(([x, y]) => x! >= -180 && x! <= 180 && y! >= -90 && y! <= 90)
      ? undefined
      : 'out of bounds';
  });
  test('themes', () => {
    const themes = record.properties.themes ?? [];
    if (themes.length < 1) return 'Missing at least one theme';
    let discipline = false;
    for (const t of themes) {
      if (!t.concepts?.length) return 'Missing at least one concept';
      if (!t.scheme) return 'Missing scheme';
      if (t.scheme.includes('earth-system-discipline')) discipline = true;
      for (const c of t.concepts) {
        if (!c.id) return 'Missing concept id';
        if (
          t.scheme.includes('earth-system-discipline') &&
          !csv(new URL('earth-system-discipline/index.csv', TH)).includes(c.id)
        )
          return `Invalid Earth system discipline ${c.id}`;
      }
    }
    return discipline ? undefined : 'No Earth system discipline based theme found';
  });
  test('contacts', () => {
    for (const c of record.properties.contacts)
      for (const role of c.roles ?? []) if (!CONTACT_ROLES.includes(role)) return `Invalid role ${role}`;
    return undefined;
  });
  test('record_creation_date', () =>
    Number.isNaN(Date.parse(record.properties.created)) ? 'bad created' : undefined);
  test('data_policy', () => {
    if (record.properties.type !== 'dataset') return undefined;
    const policy = record.properties['wmo:dataPolicy'];
    if (!policy) return 'Missing data policy';
    if (!csv(new URL('data-policy.csv', TH)).includes(policy)) return `Invalid data policy ${policy}`;
    if (policy === 'recommended' && !record.links.some((l: any) => l.rel === 'license'))
      return 'missing recommended conditions';
    return undefined;
  });
  test('links', () => {
    if (record.links.length < 1) return 'missing at least one link';
    for (const l of record.links) {
      if (![...IANA_RELATIONS, ...WIS_LINK_TYPES].includes(l.rel)) return `invalid link relation ${l.rel}`;
      if (l.href.startsWith('mqtt') && !l.channel) return 'missing channel for Pub/Sub link';
      if (l.channel?.startsWith('origin/a/wis2') || l.channel?.startsWith('cache/a/wis2')) {
        // a valid WTH topic: checked by the caller with wis2TopicProblem
      }
      if (l.security && !l.security.description) return 'missing security description';
    }
    return undefined;
  });
  return results;
}

// Media types Python's mimetypes knows (pywcmp's "valid media type" list), the ones a record may use here.
const PYTHON_MEDIA_TYPES = ['application/json', 'text/html', 'text/plain', 'image/png', 'application/xml'];

export interface KpiResult {
  total: number;
  score: number;
  percentage: number;
  grade: string;
  comments: string[];
}

/**
 * pywcmp's KPI score. `resolves(href)` answers whether a URL is accessible; `spelling` whether a text has
 * no spelling mistakes (pywcmp uses a spell checker; pass () => false for the worst case).
 */
export async function wcmp2Kpi(
  record: any,
  resolves: (href: string) => Promise<boolean>,
  spelling: (text: string) => boolean = () => false,
): Promise<KpiResult> {
  let total = 0;
  let score = 0;
  const comments: string[] = [];
  const add = (ok: boolean, comment: string) => {
    if (ok) score++;
    else comments.push(comment);
  };
  // title (8)
  const title: string = record.properties.title;
  const acronym = /\b([A-Z]{2,}\d*)\b/g;
  total += 8;
  score++; // present
  const words = title.split(/\s+/).filter(Boolean);
  add(words.length >= 3, 'title has less than 3 words');
  add(title.length <= 150, 'title longer than 150 characters');
  add(
    words.every((w) => /^[\p{L}\p{N}]+$/u.test(w)),
    'title words not alphanumeric',
  );
  const stripped = title.replace(acronym, '').trim();
  add(
    stripped === stripped.charAt(0).toUpperCase() + stripped.slice(1).toLowerCase(),
    'title not sentence case',
  );
  add((title.match(acronym) ?? []).length <= 3, 'title has more than 3 acronyms');
  if (/[A-Z]{4}\d{2}[\s_]*[A-Z]{4}/.test(title)) {
    score--;
    comments.push('title contains a bulletin header');
  } else score++;
  add(spelling(title), 'title spelling not checked (counted as failed)');
  // description (4)
  const description: string = record.properties.description;
  total += 4;
  add(description.length >= 16 && description.length <= 2048, 'description length');
  add(!/<[a-z][\s\S]*>/i.test(description), 'description contains markup');
  add(!/[A-Z]{4}\d{2}[\s_]*[A-Z]{4}/.test(description), 'description contains a bulletin header');
  add(spelling(description), 'description spelling not checked (counted as failed)');
  // time intervals (3 per interval)
  if (record.time?.interval) {
    total += 3;
    const [a, b] = record.time.interval;
    add((!record.time.interval.includes('..') && a <= b) || b === '..', 'interval begin after end');
    add(!(a === '..' && b === '..'), 'interval fully open');
    add(record.time.resolution !== undefined, 'no temporal resolution');
  }
  // graphic overview (3 per preview link): none, so no points either way
  // links health (2 per http link: links, theme concept urls and schemes, contact links)
  const links: { href: string; type?: string }[] = [...record.links];
  for (const theme of record.properties.themes) {
    for (const c of theme.concepts) if (c.url) links.push({ href: c.url });
    links.push({ href: theme.scheme });
  }
  for (const contact of record.properties.contacts)
    for (const l of contact.links) links.push({ href: l.href });
  for (const l of links) {
    if (!l.href.startsWith('http')) continue;
    total += 2;
    add(await resolves(l.href), `URL not accessible: ${l.href}`);
    add(l.type === undefined || PYTHON_MEDIA_TYPES.includes(l.type), `invalid link type ${l.type}`);
  }
  // contacts (3)
  total += 3;
  const host = record.properties.contacts.find((c: any) => c.roles?.includes('host'));
  add(host !== undefined, 'no host contact');
  if (host) {
    add(host.contactInstructions !== undefined, 'no host contact instructions');
    add(
      (host.emails ?? []).some((e: any) => 'value' in e),
      'no host contact email',
    );
  }
  // persistent identifiers: only scored when externalIds are given (none here)
  const percentage = Math.round((score / total) * 100_000) / 1000;
  const grade =
    percentage >= 80
      ? 'A'
      : percentage >= 65
        ? 'B'
        : percentage >= 50
          ? 'C'
          : percentage >= 35
            ? 'D'
            : percentage >= 20
              ? 'E'
              : 'F';
  return { total, score, percentage, grade, comments };
}
