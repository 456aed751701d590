// Domain values → their wire shapes (the schemas in schemas.ts); secrets and hashes never leave here.
import type { Static } from 'typebox';
import { formatDurationSeconds } from '../../core/duration.js';
import { organisationGroups } from '../../core/limits.js';
import type {
  AuditEvent as StoredAuditEvent,
  Organisation as StoredOrganisation,
} from '../../storage/index.js';
import type { OrganisationLimits } from '../rateLimits.js';
import type { AuditEvent, Organisation, OrganisationRateLimits } from './schemas.js';

export function publicOrganisation(org: StoredOrganisation): Static<typeof Organisation> {
  return {
    id: org.id,
    name: org.name,
    require2fa: org.require2fa,
    createdAt: org.createdAt.toISOString(),
    authorities: org.authorities,
  };
}

export function publicAuditEvent(event: StoredAuditEvent): Static<typeof AuditEvent> {
  return { ...event, at: event.at.toISOString() };
}

export function publicRateLimits(limits: OrganisationLimits): Static<typeof OrganisationRateLimits> {
  const groups = Object.fromEntries(
    organisationGroups.map((group) => {
      const { windowMs, perCaller, perOrganisation } = limits.limits[group];
      return [group, { window: formatDurationSeconds(windowMs / 1000), perCaller, perOrganisation }];
    }),
  ) as Static<typeof OrganisationRateLimits>['limits'];
  return { orgId: limits.orgId, limits: groups, overrides: limits.overrides };
}
