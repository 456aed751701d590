// Validation of a WIS2 Notification Message before it is published: the official bundled schema
// (schemas/, WMO; see schemas/NOTICE.txt), the checks of pywis-pubsub's ETS (UUID id, UTC times, link
// protocols, exactly one canonical/update/deletion link), its integrity verification of inline content,
// and the 8192-byte message limit.
import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import schema from './schemas/wis2-notification-message-bundled.json' with { type: 'json' };
import { MAX_CONTENT_BYTES, MAX_MESSAGE_BYTES, WNM_CONFORMANCE } from './wnm.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSchema = ajv.compile(schema);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UTC = /(Z|\+00:00)$/;
const PROTOCOLS = /^(https?|s?ftp):\/\//;
const NOTIFICATION_RELS = ['canonical', 'update', 'deletion'];
const DIGESTS: Record<string, string> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512',
};

interface Link {
  href?: unknown;
  rel?: unknown;
}

/**
 * Every reason `message` (its JSON text `json`) is not a valid WNM; empty when it is. `knownShape`: a
 * message built like one that passed before (same series, same members): the schema and the integrity
 * digest, which the same code fills in alike, are not checked again; what varies with the observation
 * (sizes, id, times, links) is.
 */
export function wnmProblems(
  message: Record<string, unknown>,
  json = JSON.stringify(message),
  knownShape = false,
): string[] {
  const problems: string[] = [];
  if (!knownShape && !validateSchema(message)) {
    for (const err of validateSchema.errors ?? [])
      problems.push(`schema: ${err.instancePath || '/'} ${err.message}`);
  }
  const size = Buffer.byteLength(json);
  if (size > MAX_MESSAGE_BYTES)
    problems.push(`the message has ${size} bytes, more than ${MAX_MESSAGE_BYTES}`);
  if (typeof message.id !== 'string' || !UUID.test(message.id)) problems.push('id is not a UUID');
  if (!Array.isArray(message.conformsTo) || !message.conformsTo.includes(WNM_CONFORMANCE))
    problems.push(`conformsTo does not contain ${WNM_CONFORMANCE}`);
  if ('version' in message) problems.push('version (deprecated) must not be given with conformsTo');

  const p = (message.properties ?? {}) as Record<string, unknown>;
  for (const key of ['pubtime', 'datetime', 'start_datetime', 'end_datetime']) {
    const value = p[key];
    if (typeof value === 'string' && !UTC.test(value))
      problems.push(`properties.${key} is not in UTC (Z or +00:00)`);
  }
  if (typeof p.data_id !== 'string' || p.data_id.length === 0) problems.push('properties.data_id is empty');

  const links = Array.isArray(message.links) ? (message.links as Link[]) : [];
  if (links.length === 0) problems.push('there is no link');
  for (const link of links) {
    if (typeof link.href !== 'string' || !PROTOCOLS.test(link.href))
      problems.push(`link ${JSON.stringify(link.href)} does not use http, https, ftp or sftp`);
  }
  const notification = links.filter((l) => NOTIFICATION_RELS.includes(String(l.rel)));
  if (notification.length !== 1)
    problems.push(
      `there must be exactly one canonical, update or deletion link (found ${notification.length})`,
    );

  const content = p.content as { encoding?: string; size?: number; value?: string } | undefined;
  if (content && typeof content.value === 'string') {
    const bytes =
      content.encoding === 'base64'
        ? Buffer.from(content.value, 'base64')
        : Buffer.from(content.value, 'utf8');
    if (bytes.length >= MAX_CONTENT_BYTES)
      problems.push(`inline content has ${bytes.length} bytes, 4096 or more`);
    if (content.size !== bytes.length) problems.push(`content.size ${content.size} is not ${bytes.length}`);
    const integrity = p.integrity as { method?: string; value?: string } | undefined;
    const algorithm = integrity?.method ? DIGESTS[integrity.method] : undefined;
    if (
      !knownShape &&
      integrity &&
      algorithm &&
      createHash(algorithm).update(bytes).digest('base64') !== integrity.value
    )
      problems.push('integrity.value does not match the inline content');
  }
  return problems;
}
