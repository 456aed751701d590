// Prints the metric reference (Markdown table) generated from the metrics registry; the README embeds it
// between the metrics-table markers (`--write` replaces it there), and test/unit/metrics-docs.test.ts
// keeps the two in sync.
import { createRegistry } from '../src/observability/index.js';
import { writeReadmeSection } from './readme-section.js';

/** Every obshub metric of the registry: name, type, labels and help. */
export function obshubMetrics(): { name: string; help: string; type: string; labels: string[] }[] {
  const none = () => undefined;
  const { registry } = createRegistry({
    outbox: async () => undefined,
    pool: none,
    replicaLags: () => [],
    brokerConnected: none,
    stored: async () => undefined,
    ready: async () => undefined,
  });
  return registry
    .getMetricsAsArray()
    .filter((m) => m.name.startsWith('obshub_'))
    .map((m) => {
      const { name, help, type, labelNames } = m as unknown as {
        name: string;
        help: string;
        type: string;
        labelNames?: string[];
      };
      return { name, help, type, labels: (labelNames ?? []).filter((l) => l !== 'le') };
    });
}

export function metricsTable(): string {
  const rows = obshubMetrics().map(
    ({ name, help, type, labels }) =>
      `| \`${name}\` | ${type} | ${labels.map((l) => `\`${l}\``).join(', ') || '–'} | ${help} |`,
  );
  return ['| Metric | Type | Labels | What it tells |', '|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) writeReadmeSection('metrics-table', metricsTable());
  else console.log(metricsTable());
}
