// Read replicas (DATABASE_READ_URL) and how far each lags the primary. A probe per replica, every
// PROBE_INTERVAL_MS (at most half the allowed lag): a replica whose replay has reached the primary's WAL
// position read just before is current (lag 0, however long ago its last transaction was: an idle
// primary is no lag); one behind lags by the age of its last replayed transaction, and never by more than
// the time since it was last seen current. Reads go to the replicas within the allowed lag, in turn, and
// to the primary while none is.
import type { Database } from './db.js';

/** A read replica as operators see it (/ready, metrics). */
export interface ReplicaState {
  /** Host, port and database (no credentials). */
  replica: string;
  /** How far it lags the primary, in seconds; null: unknown (not probed yet, unreachable, never current). */
  lagSeconds: number | null;
  /** Reads go to it (it lags at most the allowed lag). */
  serving: boolean;
}

const PROBE_INTERVAL_MS = 1000;

interface Replica {
  db: Database;
  name: string;
  lagSeconds: number | null;
  /** When it was last seen current: the time the primary's position it had reached was read. */
  currentAtMs: number | undefined;
}

export class ReadReplicas {
  private readonly replicas: Replica[];
  private next = 0;
  private probing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  /**
   * How far behind the primary a read may be, at most: the allowed lag, and the time since the last probe
   * (a replica may have fallen behind since); 0 without replicas (reads from the primary).
   */
  readonly stalenessMs: number;

  constructor(
    private readonly primary: Database,
    replicas: readonly Database[],
    /** DATABASE_READ_MAX_LAG_S. */
    private readonly maxLagSeconds: number,
  ) {
    this.replicas = replicas.map((db) => ({
      db,
      name: db.description.replace(/^PostgreSQL at /, ''),
      lagSeconds: null,
      currentAtMs: undefined,
    }));
    const everyMs = Math.min(PROBE_INTERVAL_MS, maxLagSeconds * 500);
    this.stalenessMs = this.replicas.length > 0 ? maxLagSeconds * 1000 + everyMs : 0;
    if (this.replicas.length === 0) return;
    void this.probe();
    this.timer = setInterval(() => void this.probe(), everyMs);
    this.timer.unref();
  }

  /** Where the query API reads: the next replica within the allowed lag, or the primary when none is. */
  readDb(): Database {
    for (let i = 0; i < this.replicas.length; i++) {
      this.next = (this.next + 1) % this.replicas.length;
      const replica = this.replicas[this.next]!;
      if (this.serves(replica)) return replica.db;
    }
    return this.primary;
  }

  states(): ReplicaState[] {
    return this.replicas.map((r) => ({
      replica: r.name,
      lagSeconds: r.lagSeconds,
      serving: this.serves(r),
    }));
  }

  /** Measures every replica's lag once (a probe under way is not started again). */
  probe(): Promise<void> {
    this.probing ??= this.measure().finally(() => (this.probing = undefined));
    return this.probing;
  }

  /** Throws when a replica cannot answer. */
  async ping(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.db.query('SELECT 1')));
  }

  /** Stops probing and closes the replicas' connections. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.probing;
    await Promise.all(this.replicas.map((r) => r.db.close()));
  }

  private serves(r: Replica): boolean {
    return r.lagSeconds !== null && r.lagSeconds <= this.maxLagSeconds;
  }

  private async measure(): Promise<void> {
    const readAtMs = Date.now();
    let position: string | undefined;
    try {
      const [row] = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      position = row?.lsn;
    } catch {
      return; // the primary does not answer: nothing to compare with, the last measures stand
    }
    await Promise.all(
      this.replicas.map(async (r) => {
        try {
          const [row] = await r.db.query<{ current: boolean | null; age: number | null }>(
            `SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1::pg_lsn AS current,
               extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS age`,
            [position],
          );
          if (row?.current) {
            r.currentAtMs = readAtMs;
            r.lagSeconds = 0;
            return;
          }
          const bounds = [
            row?.age ?? null,
            r.currentAtMs === undefined ? null : (Date.now() - r.currentAtMs) / 1000,
          ].filter((b): b is number => b !== null);
          r.lagSeconds = bounds.length > 0 ? Math.max(0, Math.min(...bounds)) : null;
        } catch {
          r.lagSeconds = null;
        }
      }),
    );
  }
}
