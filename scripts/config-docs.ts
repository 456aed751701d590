// Prints the configuration reference (Markdown table) generated from the config schema; the README
// embeds it between the config-table markers (`--write` replaces it there), and
// test/unit/readme.test.ts keeps the two in sync.
import { settings } from '../src/config/index.js';
import { writeReadmeSection } from './readme-section.js';

export function configTable(): string {
  const rows = Object.entries(settings).map(
    ([key, s]) =>
      `| \`${key}\` | ${s.default === undefined ? '(unset)' : `\`${s.default}\``} | ${s.description} |`,
  );
  const file =
    '| `CONFIG_FILE` | (unset) | YAML file with any of these settings under the same names (also `--config <file>`); the environment wins over the file. |';
  return ['| Variable | Default | What it does |', '|---|---|---|', ...rows, file].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) writeReadmeSection('config-table', configTable());
  else console.log(configTable());
}
