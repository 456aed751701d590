// WIS2 Topic Hierarchy rules (WMO-No. 1060 Vol. II, Appendix D): centre-ids, data policies and the topics
// obshub publishes on. The vocabularies come from topic-hierarchy.json (see SOURCE.txt, Apache-2.0).
import table from './topic-hierarchy.json' with { type: 'json' };

export const topicHierarchySource = table.source;
const centreIds: ReadonlySet<string> = new Set(table.centreIds);
const topics: ReadonlySet<string> = new Set(table.topics);
export const dataPolicies: readonly string[] = table.dataPolicies;
export const earthSystemDisciplines: readonly string[] = table.disciplines;

const CENTRE_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/**
 * Why `id` cannot be a centre-id, or undefined when it can: it must be in the WIS2 centre-id list, or be a
 * test id (a `-test` suffix, or the reserved `test` top-level domain), lowercase words joined by dashes.
 */
export function centreIdProblem(id: string): string | undefined {
  if (!CENTRE_ID.test(id))
    return `"${id}" is not a centre-id (lowercase words joined by dashes, e.g. nl-knmi)`;
  if (centreIds.has(id) || isTestCentreId(id)) return undefined;
  return `"${id}" is not in the WIS2 centre-id list; use your registered centre-id, or one ending in -test for testing`;
}

export function isTestCentreId(id: string): boolean {
  return id.endsWith('-test') || id.startsWith('test-');
}

/** True when `subTopic` (levels 7+, e.g. weather/surface-based-observations/synop) is in the hierarchy. */
export function isKnownSubTopic(subTopic: string): boolean {
  if (topics.has(subTopic)) return true;
  const [discipline, experimental, ...rest] = subTopic.split('/');
  // Each discipline has an experimental sub-tree for topics not yet approved.
  return (
    discipline !== undefined &&
    earthSystemDisciplines.includes(discipline) &&
    experimental === 'experimental' &&
    rest.length > 0 &&
    rest.every((level) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(level))
  );
}

export interface Wis2Topics {
  centreId: string;
  dataPolicy: string;
  /** Levels 7 and below, e.g. weather/surface-based-observations/synop. */
  subTopic: string;
}

/** origin/a/wis2/{centre-id}/data/{data-policy}/{sub-topic} */
export function dataTopic(t: Wis2Topics): string {
  return `origin/a/wis2/${t.centreId}/data/${t.dataPolicy}/${t.subTopic}`;
}

/** origin/a/wis2/{centre-id}/metadata: metadata notifications go exactly to level 5. */
export function metadataTopic(t: Pick<Wis2Topics, 'centreId'>): string {
  return `origin/a/wis2/${t.centreId}/metadata`;
}

/** The WCMP2 record id of the dataset obshub publishes: urn:wmo:md:{centre-id}:{local-id}. */
export function metadataId(centreId: string, localId: string): string {
  return `urn:wmo:md:${centreId}:${localId}`;
}
