// The rate-limit overrides of organisations: what a platform admin set in place of the configured limits.
import type { OrganisationGroup } from '../core/limits.js';
import type { Sql } from './db.js';

export interface RateLimitOverride {
  perCaller?: number;
  perOrganisation?: number;
}

/** An organisation's overrides by route group; groups not named keep the configured limits. */
export type RateLimitOverrides = Partial<Record<OrganisationGroup, RateLimitOverride>>;

export interface RateLimitRepository {
  /** Every organisation's overrides (organisations without any are left out). */
  listOverrides(): Promise<Map<string, RateLimitOverrides>>;
  findOverrides(orgId: string): Promise<RateLimitOverrides>;
  /** Replaces the organisation's overrides (none: it keeps the configured limits). */
  replaceOverrides(orgId: string, overrides: RateLimitOverrides): Promise<void>;
}

export class SqlRateLimitRepository implements RateLimitRepository {
  constructor(private readonly sql: Sql) {}

  /** Every organisation's overrides (organisations without any are left out). */
  async listOverrides(): Promise<Map<string, RateLimitOverrides>> {
    const rows = await this.sql.query<{ org_id: string; limits: RateLimitOverrides }>(
      'SELECT org_id, limits FROM organisation_rate_limit',
    );
    return new Map(rows.map((r) => [r.org_id, r.limits]));
  }

  async findOverrides(orgId: string): Promise<RateLimitOverrides> {
    const [row] = await this.sql.query<{ limits: RateLimitOverrides }>(
      'SELECT limits FROM organisation_rate_limit WHERE org_id = $1',
      [orgId],
    );
    return row?.limits ?? {};
  }

  /** Replaces the organisation's overrides (none: it keeps the configured limits). */
  async replaceOverrides(orgId: string, overrides: RateLimitOverrides): Promise<void> {
    if (Object.keys(overrides).length === 0) {
      await this.sql.query('DELETE FROM organisation_rate_limit WHERE org_id = $1', [orgId]);
      return;
    }
    await this.sql.query(
      `INSERT INTO organisation_rate_limit (org_id, limits) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET limits = EXCLUDED.limits, updated_at = now()`,
      [orgId, JSON.stringify(overrides)],
    );
  }
}
