// Prints the metric reference (Markdown table) generated from the metrics registry; the README embeds it
// between the metrics-table markers (`--write` replaces it there), and test/unit/metrics-docs.test.ts
// keeps the two in sync.
import { createRegistry } from '../src/observability/index.js';
import { writeReadmeSection } from './readme-section.js';

export function metricsTable(): string {
  const none = () => undefined;
  const { registry } = createRegistry({
    outbox: async () => undefined,
    pool: none,
    replicaLags: () => [],
    brokerConnected: none,
    stored: async () => undefined,
    ready: async () => undefined,
  });
  const rows = registry
    .getMetricsAsArray()
    .filter((m) => m.name.startsWith('obshub_'))
    .map((m) => {
      const { name, help, type, labelNames } = m as unknown as {
        name: string;
        help: string;
        type: string;
        labelNames?: string[];
      };
      const labels = (labelNames ?? []).filter((l) => l !== 'le');
      return `| \`${name}\` | ${type} | ${labels.map((l) => `\`${l}\``).join(', ') || '–'} | ${help} |`;
    });
  return ['| Metric | Type | Labels | What it tells |', '|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) writeReadmeSection('metrics-table', metricsTable());
  else console.log(metricsTable());
}
