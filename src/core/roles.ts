// The service roles one obshub process can run (`obshub serve --services`, SERVICES), Loki-style: one
// program, `all` of them by default, any subset per process when scaled out.

export const serviceRoles = ['ingest', 'query', 'admin', 'relay', 'jobs', 'broker'] as const;

export type ServiceRole = (typeof serviceRoles)[number];

export function isServiceRole(name: string): name is ServiceRole {
  return (serviceRoles as readonly string[]).includes(name);
}

/**
 * The roles a `--services` list names (`all`, or role names separated by commas), in the table's order;
 * undefined when a name is unknown or the list is empty.
 */
export function parseServiceRoles(raw: string): ServiceRole[] | undefined {
  const names = raw
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return undefined;
  if (names.includes('all')) return [...serviceRoles];
  if (!names.every(isServiceRole)) return undefined;
  return serviceRoles.filter((r) => names.includes(r));
}
