// Domain values → their wire shapes (the schemas in schemas.ts); secrets and hashes never leave here.
import type { Static } from 'typebox';
import type {
  AuditEvent as StoredAuditEvent,
  Organisation as StoredOrganisation,
} from '../../storage/index.js';
import type { AuditEvent, Organisation } from './schemas.js';

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
