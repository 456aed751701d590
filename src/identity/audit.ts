// The audit log: security-relevant actions with actor, time, source address and outcome. Append-only
// (the table refuses UPDATE, DELETE and TRUNCATE); readable by platform-wide roles, and by org admins for
// their own organisation.
import type { Logger } from 'pino';
import { isPlatformWide, type Principal } from '../core/access.js';
import type { AuditEvent, AuditFilter, AuditRepository } from '../storage/index.js';
import { permit } from './permit.js';

/** Every action the audit log records (the README lists them). */
export const auditActions = [
  'sign-in',
  'sign-in.second-factor',
  'account.locked',
  'totp.enrol',
  'totp.enable',
  'totp.disable',
  'recovery-code.use',
  'password.change',
  'password.reset',
  'api-key.create',
  'api-key.revoke',
  'api-key.rejected',
  'token.rejected',
  'auth.failures',
  'user.create',
  'user.update',
  'user.role-change',
  'user.delete',
  'organisation.create',
  'organisation.update',
  'organisation.delete',
  'authority.set',
  'authority.remove',
  'rate-limits.set',
  'oidc-client.create',
  'oidc-client.delete',
  'token.issue',
  'session.revoke',
  'signing-key.rotate',
  'signing-key.retire',
  'ingest.rejected',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditFields {
  orgId?: string | null;
  target?: string | null;
  /** The caller's address. */
  source?: string | null;
  details?: Record<string, unknown>;
}

export class AuditLog {
  constructor(
    private readonly repo: AuditRepository,
    private readonly log: Logger,
  ) {}

  /** Records one event. A failure to record is logged, never thrown: the action itself already happened. */
  async record(
    actor: Principal | string,
    action: AuditAction,
    outcome: 'success' | 'failure',
    fields: AuditFields = {},
  ): Promise<void> {
    const event = {
      action,
      outcome,
      actor: typeof actor === 'string' ? actor : actor.actor,
      orgId: fields.orgId ?? (typeof actor === 'string' ? null : actor.orgId),
      target: fields.target ?? null,
      source: fields.source ?? null,
      details: fields.details ?? {},
    };
    try {
      await this.repo.append(event);
    } catch (err) {
      this.log.error({ component: 'audit', err, event }, 'could not record an audit event');
    }
  }

  /** Events newest first; org admins see only their organisation's. */
  find(principal: Principal, filter: AuditFilter): Promise<AuditEvent[]> {
    permit(principal, 'audit:read');
    const orgId = isPlatformWide(principal) ? filter.orgId : (principal.orgId ?? '');
    return this.repo.find({ ...filter, orgId });
  }
}
