// Rate limits of organisations: the configured limits of the organisation groups (ingest, query, admin)
// and what a platform admin set for one organisation in their place. The gateway asks for the limits of
// a caller's organisation on every request; they are kept in memory, forgotten when this process changes
// them and re-read after a few seconds otherwise (another replica may have changed them).
import type { Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import {
  isOrganisationGroup,
  organisationGroups,
  type GroupLimit,
  type OrganisationGroup,
  type RateLimitGroup,
} from '../core/limits.js';
import type { OrganisationRepository, RateLimitOverrides, RateLimitRepository } from '../storage/index.js';
import type { AuditLog } from './audit.js';
import { permit, permitInOrg } from './permit.js';

const REFRESH_MS = 5_000;

/** An organisation's limits: the effective ones per group, and its overrides. */
export interface OrganisationLimits {
  orgId: string;
  limits: Record<OrganisationGroup, Required<GroupLimit>>;
  overrides: RateLimitOverrides;
}

export class RateLimitService {
  private overrides: Promise<Map<string, RateLimitOverrides>> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly repo: RateLimitRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditLog,
    private readonly configured: Readonly<Record<RateLimitGroup, GroupLimit>>,
  ) {}

  /** The limits of `group` for a caller of `orgId` (null: a caller of no organisation). */
  async limitFor(orgId: string | null, group: RateLimitGroup): Promise<GroupLimit> {
    const configured = this.configured[group];
    if (orgId === null || !isOrganisationGroup(group)) return configured;
    const override = (await this.load()).get(orgId)?.[group];
    return override ? { ...configured, ...override } : configured;
  }

  async get(principal: Principal, orgId: string): Promise<OrganisationLimits> {
    permitInOrg(principal, 'organisations:read', orgId);
    await this.existing(orgId);
    return this.describe(orgId, await this.repo.findOverrides(orgId));
  }

  /** Replaces the organisation's overrides (`{}`: back to the configured limits). */
  async set(
    principal: Principal,
    orgId: string,
    overrides: RateLimitOverrides,
    source: string | null = null,
  ): Promise<OrganisationLimits> {
    permit(principal, 'organisations:manage');
    await this.existing(orgId);
    const kept: RateLimitOverrides = {};
    for (const group of organisationGroups) {
      const { perCaller, perOrganisation } = overrides[group] ?? {};
      if (perCaller === undefined && perOrganisation === undefined) continue;
      kept[group] = {
        ...(perCaller === undefined ? {} : { perCaller }),
        ...(perOrganisation === undefined ? {} : { perOrganisation }),
      };
    }
    await this.repo.replaceOverrides(orgId, kept);
    this.overrides = undefined;
    await this.audit.record(principal, 'rate-limits.set', 'success', {
      orgId,
      target: `organisation:${orgId}`,
      source,
      details: { overrides: kept },
    });
    return this.describe(orgId, kept);
  }

  private async existing(orgId: string): Promise<void> {
    if (!(await this.organisations.find(orgId))) {
      throw new ObshubError('NOT_FOUND', `organisation "${orgId}" does not exist`);
    }
  }

  private describe(orgId: string, overrides: RateLimitOverrides): OrganisationLimits {
    const limits = {} as OrganisationLimits['limits'];
    for (const group of organisationGroups) {
      const configured = this.configured[group];
      limits[group] = {
        windowMs: configured.windowMs,
        perCaller: overrides[group]?.perCaller ?? configured.perCaller,
        perOrganisation:
          overrides[group]?.perOrganisation ?? configured.perOrganisation ?? configured.perCaller,
      };
    }
    return { orgId, limits, overrides };
  }

  private load(): Promise<Map<string, RateLimitOverrides>> {
    if (!this.overrides || Date.now() - this.loadedAt > REFRESH_MS) {
      this.loadedAt = Date.now();
      const loading = this.repo.listOverrides();
      loading.catch(() => {
        if (this.overrides === loading) this.overrides = undefined;
      });
      this.overrides = loading;
    }
    return this.overrides;
  }
}
