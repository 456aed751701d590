// MQTT topic rules (MQTT 3.1.1 and 5, §4.7): a topic is levels separated by '/'; a level that is
// published on holds no wildcard ('#', '+') and no NUL character. Every level obshub builds from data
// (E-SOH's naming_authority and platform) is checked with this rule at ingest, so that whatever is
// accepted can be announced.

/** Why `level` cannot be one level of a topic that is published on, or undefined. */
export function topicLevelProblem(level: string): string | undefined {
  if (level.length === 0) return 'is empty';
  if (level.includes('/')) return `contains '/', which would split it into several topic levels`;
  if (/[#+]/.test(level)) return `contains an MQTT wildcard ('#' or '+')`;
  if (level.includes('\u0000')) return 'contains a NUL character';
  return undefined;
}

/** Why `topic` cannot be published on, or undefined: 1 to 65535 bytes, each level valid. */
export function topicProblem(topic: string): string | undefined {
  if (topic.length === 0) return 'the topic is empty';
  if (Buffer.byteLength(topic) > 65535) return 'the topic is longer than 65535 bytes';
  for (const level of topic.split('/')) {
    const problem = topicLevelProblem(level);
    if (problem) return `the topic "${topic}" has a level that ${problem}`;
  }
  return undefined;
}
