// Repository of the append-only audit log.
import { storableJson, storableText } from '../core/text.js';
import type { Sql } from './db.js';

export interface AuditEvent {
  id: number;
  at: Date;
  action: string;
  outcome: 'success' | 'failure';
  actor: string;
  orgId: string | null;
  target: string | null;
  source: string | null;
  details: Record<string, unknown>;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

export interface AuditFilter {
  orgId?: string;
  action?: string;
  sinceMs?: number;
  untilMs?: number;
  /** Events with an id below this one (paging backwards in time). */
  beforeId?: number;
  limit: number;
}

export interface AuditRepository {
  append(event: NewAuditEvent): Promise<void>;
  /** Events newest first. */
  find(filter: AuditFilter): Promise<AuditEvent[]>;
}

interface AuditRow {
  id: string | number;
  at: Date;
  action: string;
  outcome: 'success' | 'failure';
  actor: string;
  org_id: string | null;
  target: string | null;
  source: string | null;
  details: Record<string, unknown>;
}

export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Appends an event. Its texts often quote what a caller sent: they are made storable (a NUL written
   * as `\u0000`, an unpaired surrogate as U+FFFD), so that no input can make an event go unrecorded.
   */
  async append(event: NewAuditEvent): Promise<void> {
    const text = (value: string | null) => (value === null ? null : storableText(value));
    await this.sql.query(
      `INSERT INTO audit_event (action, outcome, actor, org_id, target, source, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        event.action,
        event.outcome,
        text(event.actor),
        text(event.orgId),
        text(event.target),
        text(event.source),
        JSON.stringify(storableJson(event.details)),
      ],
    );
  }

  /** Events newest first. */
  async find(filter: AuditFilter): Promise<AuditEvent[]> {
    const rows = await this.sql.query<AuditRow>(
      `SELECT * FROM audit_event
        WHERE ($1::text IS NULL OR org_id = $1) AND ($2::text IS NULL OR action = $2)
          AND ($3::float8 IS NULL OR at >= to_timestamp($3 / 1000.0))
          AND ($4::float8 IS NULL OR at < to_timestamp($4 / 1000.0))
          AND ($5::bigint IS NULL OR id < $5)
        ORDER BY id DESC LIMIT $6`,
      [
        filter.orgId ?? null,
        filter.action ?? null,
        filter.sinceMs ?? null,
        filter.untilMs ?? null,
        filter.beforeId ?? null,
        filter.limit,
      ],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      action: r.action,
      outcome: r.outcome,
      actor: r.actor,
      orgId: r.org_id,
      target: r.target,
      source: r.source,
      details: r.details,
    }));
  }
}
