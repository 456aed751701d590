// Times for people: "2026-11-21 10:20 UTC".
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return iso.slice(0, 16).replace('T', ' ') + ' UTC';
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}
