// Regenerates src/core/wis2/topic-hierarchy.json from the WIS2 Topic Hierarchy CSVs
// (wmo-im/wis2-topic-hierarchy, Apache-2.0): centre-ids, data policies, earth-system disciplines and every
// sub-discipline topic below them. Usage: tsx scripts/build-wis2-tables.ts [path/to/topic-hierarchy-repo]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.argv[2] ?? 'test/fixtures/standards/wis2/topic-hierarchy';
const dir = path.join(root, 'topic-hierarchy');

function names(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.split(',')[0]!.trim());
}

/** Every topic below earth-system-discipline/, as "weather/surface-based-observations/synop". */
function subTopics(folder: string, prefix: string[], out: string[]): void {
  for (const name of names(path.join(folder, 'index.csv'))) {
    const topic = [...prefix, name];
    out.push(topic.join('/'));
    const child = path.join(folder, name);
    if (statSync(child, { throwIfNoEntry: false })?.isDirectory() && readdirSync(child).includes('index.csv'))
      subTopics(child, topic, out);
  }
}

const topics: string[] = [];
subTopics(path.join(dir, 'earth-system-discipline'), [], topics);
const source = readFileSync(path.join(root, 'SOURCE.txt'), 'utf8');
const commit = /Commit:\s+([0-9a-f]{40})/.exec(source)?.[1] ?? 'unknown';
const table = {
  source: `https://github.com/wmo-im/wis2-topic-hierarchy @ ${commit} (Apache-2.0)`,
  centreIds: names(path.join(dir, 'centre-id.csv')).sort(),
  dataPolicies: names(path.join(dir, 'data-policy.csv')),
  disciplines: names(path.join(dir, 'earth-system-discipline', 'index.csv')),
  topics: topics.sort(),
};
writeFileSync('src/core/wis2/topic-hierarchy.json', `${JSON.stringify(table, null, 1)}\n`);
console.log(`${table.centreIds.length} centre-ids, ${table.topics.length} topics`);
