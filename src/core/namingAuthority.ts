// E-SOH's naming_authority: the reverse-DNS name of a data provider (nl.knmi). It is a level of the E-SOH
// topic and part of every WIS2 data_id, so it must be a single topic level of printable ASCII.
import { topicLevelProblem } from './mqttTopic.js';

const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** Why `name` cannot be a naming authority (length is checked by the message schema), or undefined. */
export function namingAuthorityProblem(name: string): string | undefined {
  const level = topicLevelProblem(name);
  if (level) return `"${name}" is not a naming authority: it ${level}`;
  if (!VISIBLE_ASCII.test(name)) {
    return `"${name}" is not a naming authority: use printable ASCII without spaces, e.g. nl.knmi`;
  }
  return undefined;
}
