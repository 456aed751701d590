// Regenerates src/core/cf/cf-standard-names.json from the official CF standard name table (XML).
// Usage: npx tsx scripts/build-cf-table.ts path/to/cf-standard-name-table.xml
// (the XML from https://cfconventions.org/Data/cf-standard-names/83/src/cf-standard-name-table.xml).
// The product reads only the generated JSON (names, canonical units, aliases); the XML stays upstream.
import { readFileSync, writeFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

interface Entry {
  '@_id': string;
  canonical_units?: string | number;
}
interface Alias {
  '@_id': string;
  entry_id: string;
}

const source = process.argv[2];
if (!source) {
  process.stderr.write('usage: tsx scripts/build-cf-table.ts path/to/cf-standard-name-table.xml\n');
  process.exit(2);
}
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === 'entry' || name === 'alias',
});
const doc = parser.parse(readFileSync(source, 'utf8')) as {
  standard_name_table: { version_number: number; last_modified: string; entry: Entry[]; alias: Alias[] };
};
const table = doc.standard_name_table;
const units: Record<string, string> = {};
for (const e of table.entry) units[e['@_id']] = String(e.canonical_units ?? '');
const aliases: Record<string, string> = {};
for (const a of table.alias) aliases[a['@_id']] = a.entry_id;

const out = { version: table.version_number, last_modified: table.last_modified, units, aliases };
writeFileSync(new URL('../src/core/cf/cf-standard-names.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(
  `CF table v${out.version}: ${Object.keys(units).length} names, ${Object.keys(aliases).length} aliases`,
);
