// WIGOS station identifiers: series-issuer-issue_number-local_identifier, as E-SOH validates them. The id is
// also a level of the E-SOH topic, so the local identifier must be a single topic level without spaces or
// control characters.
import { topicLevelProblem } from './mqttTopic.js';

const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f]/;

export function wigosIdProblem(platform: string): string | undefined {
  const blocks = platform.split('-');
  if (blocks.length !== 4) return `"${platform}" is not a WIGOS id: it needs 4 blocks separated by '-'`;
  for (const block of blocks.slice(0, 3)) {
    if (!/^\d+$/.test(block) || Number(block) > 65534) {
      return `"${platform}" is not a WIGOS id: "${block}" must be an integer from 0 to 65534`;
    }
  }
  const local = blocks[3] ?? '';
  if (local.length < 1 || [...local].length > 16) {
    return `"${platform}" is not a WIGOS id: the local identifier must have 1 to 16 characters`;
  }
  const level = topicLevelProblem(local);
  if (level) return `"${platform}" is not a WIGOS id: the local identifier ${level}`;
  if (CONTROL_OR_SPACE.test(local)) {
    return `"${platform}" is not a WIGOS id: the local identifier contains a space or control character`;
  }
  return undefined;
}
