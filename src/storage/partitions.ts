// Time partitions of the observation table. The width is chosen once per database, from the retention
// window at the first write: hourly partitions for windows up to 7 days (so dropping a partition frees
// at most an hour beyond the window), daily ones for longer windows and unlimited archives.
import type { Database } from './db.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const LOCK_KEY = 7_301_002;
const PREFIX = 'observation_p';

export interface PartitionInfo {
  name: string;
  fromMs: number;
  toMs: number;
}

function partitionName(startMs: number, widthMs: number): string {
  const iso = new Date(startMs).toISOString(); // 2022-12-31T05:00:00.000Z
  const day = iso.slice(0, 10).replaceAll('-', '');
  return widthMs === DAY ? `${PREFIX}${day}` : `${PREFIX}${day}t${iso.slice(11, 13)}`;
}

function parsePartitionName(name: string, widthMs: number): PartitionInfo | undefined {
  const m = /^observation_p(\d{4})(\d{2})(\d{2})(?:t(\d{2}))?$/.exec(name);
  if (!m) return undefined;
  const fromMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0));
  return { name, fromMs, toMs: fromMs + widthMs };
}

export class Partitions {
  private widthMs: number | undefined;
  private readonly known = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly retentionSeconds: number | null,
  ) {}

  private async width(): Promise<number> {
    if (this.widthMs !== undefined) return this.widthMs;
    const wanted = this.retentionSeconds !== null && this.retentionSeconds <= 7 * 86400 ? HOUR : DAY;
    await this.db.query(
      `INSERT INTO storage_setting (key, value) VALUES ('partition_width_ms', $1) ON CONFLICT (key) DO NOTHING`,
      [String(wanted)],
    );
    const [row] = await this.db.query<{ value: string }>(
      `SELECT value FROM storage_setting WHERE key = 'partition_width_ms'`,
    );
    this.widthMs = Number(row?.value ?? wanted);
    return this.widthMs;
  }

  /** Makes sure a partition exists for every given time (epoch ms). */
  async ensure(timesMs: Iterable<number>): Promise<void> {
    const width = await this.width();
    const missing = new Map<string, number>();
    for (const t of timesMs) {
      const start = Math.floor(t / width) * width;
      const name = partitionName(start, width);
      if (!this.known.has(name)) missing.set(name, start);
    }
    if (missing.size === 0) return;
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      for (const [name, start] of missing) {
        await tx.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF observation
           FOR VALUES FROM ('${new Date(start).toISOString()}') TO ('${new Date(start + width).toISOString()}')`,
        );
      }
    });
    for (const name of missing.keys()) this.known.add(name);
  }

  async list(): Promise<PartitionInfo[]> {
    const width = await this.width();
    const rows = await this.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = 'observation' ORDER BY c.relname`,
    );
    return rows.flatMap((r) => parsePartitionName(r.name, width) ?? []);
  }

  /** Drops every partition that lies entirely before `cutoffMs`; returns the dropped names. */
  async dropBefore(cutoffMs: number): Promise<string[]> {
    const expired = (await this.list()).filter((p) => p.toMs <= cutoffMs);
    for (const p of expired) {
      await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        await tx.query(`DROP TABLE IF EXISTS ${p.name}`);
      });
      this.known.delete(p.name);
    }
    return expired.map((p) => p.name);
  }
}
