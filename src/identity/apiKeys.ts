// API keys: created by org admins (for the organisation's services or its people) or by people for
// themselves; shown once, stored as a hash, scoped, with expiry and revocation.
import { credentialScopes, isPlatformWide, type CredentialScope, type Principal } from '../core/access.js';
import { apiKeyId, apiKeyMatches, generateApiKey } from '../core/apiKey.js';
import { ObshubError } from '../core/errors.js';
import type { Static } from 'typebox';
import type { ApiKey, Repositories } from '../storage/index.js';
import type { ApiKey as ApiKeyBody } from './api/schemas.js';
import type { AuditLog } from './audit.js';
import type { AuthFailures } from './authFailures.js';
import { permit, permitInOrg } from './permit.js';
import { emit } from '../observability/index.js';

export interface NewApiKeyInput {
  name: string;
  scopes: CredentialScope[];
  /** The organisation of a service key; defaults to the caller's. */
  orgId?: string;
  /** The person the key acts for; null or absent with an org admin: a service key of the organisation. */
  userId?: string | null;
  expiresAt?: Date | null;
}

/** An API key as the admin API shows it (the API's schema; never its secret). */
export type PublicApiKey = Static<typeof ApiKeyBody>;

export function publicApiKey(key: ApiKey): PublicApiKey {
  return {
    id: key.id,
    name: key.name,
    orgId: key.orgId,
    userId: key.userId,
    scopes: key.scopes,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

const TOUCH_EVERY_MS = 60_000;

export class ApiKeyService {
  /** Key id → when last_used_at was last written, so a busy key costs one UPDATE a minute, not one a request. */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly repo: Pick<Repositories, 'apiKeys' | 'users' | 'organisations'>,
    private readonly audit: AuditLog,
    private readonly failures: AuthFailures,
  ) {}

  /** Org admins and platform admins manage any key of their scope; others only keys acting for themselves. */
  private mayManageAll(principal: Principal): boolean {
    return principal.role === 'org-admin' || principal.role === 'platform-admin';
  }

  async create(
    principal: Principal,
    input: NewApiKeyInput,
    source: string | null = null,
  ): Promise<{ key: string; apiKey: ApiKey }> {
    permit(principal, 'api-keys:manage');
    const orgId = input.orgId ?? principal.orgId;
    if (!orgId) throw new ObshubError('BAD_REQUEST', 'an API key belongs to an organisation: give orgId');
    permitInOrg(principal, 'api-keys:manage', orgId);
    const userId =
      input.userId === undefined ? (this.mayManageAll(principal) ? null : principal.userId) : input.userId;
    if (!this.mayManageAll(principal) && userId !== principal.userId) {
      throw new ObshubError('FORBIDDEN', 'you can create API keys only for yourself');
    }
    if (input.scopes.length === 0 || input.scopes.some((s) => !credentialScopes.includes(s))) {
      throw new ObshubError(
        'BAD_REQUEST',
        `scopes must be a non-empty list of ${credentialScopes.join(', ')}`,
      );
    }
    if (!input.name.trim() || input.name.length > 200) {
      throw new ObshubError('BAD_REQUEST', 'name must be 1–200 characters');
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new ObshubError('BAD_REQUEST', 'expiresAt must lie in the future');
    }
    if (!(await this.repo.organisations.find(orgId))) {
      throw new ObshubError('NOT_FOUND', `organisation "${orgId}" does not exist`);
    }
    if (userId) {
      const user = await this.repo.users.find(userId);
      if (!user || user.orgId !== orgId) {
        throw new ObshubError('BAD_REQUEST', `user "${userId}" is not a member of organisation "${orgId}"`);
      }
    }
    const generated = generateApiKey();
    const apiKey = await this.repo.apiKeys.create({
      id: generated.id,
      keyHash: generated.hash,
      name: input.name,
      orgId,
      userId,
      scopes: [...new Set(input.scopes)],
      createdBy: principal.actor,
      expiresAt: input.expiresAt ?? null,
    });
    await this.audit.record(principal, 'api-key.create', 'success', {
      orgId,
      target: `key:${apiKey.id}`,
      source,
      details: { name: apiKey.name, scopes: apiKey.scopes, userId, expiresAt: apiKey.expiresAt },
    });
    return { key: generated.key, apiKey };
  }

  async list(principal: Principal, filter: { orgId?: string } = {}): Promise<ApiKey[]> {
    permit(principal, 'api-keys:manage');
    if (isPlatformWide(principal)) return this.repo.apiKeys.list({ orgId: filter.orgId });
    const orgId = principal.orgId ?? '';
    if (this.mayManageAll(principal)) return this.repo.apiKeys.list({ orgId });
    return this.repo.apiKeys.list({ orgId, userId: principal.userId ?? '' });
  }

  async revoke(principal: Principal, id: string, source: string | null = null): Promise<void> {
    permit(principal, 'api-keys:manage');
    const key = await this.repo.apiKeys.findHolder(id);
    const visible =
      key &&
      (isPlatformWide(principal) ||
        (key.orgId === principal.orgId && (this.mayManageAll(principal) || key.userId === principal.userId)));
    if (!key || !visible) throw new ObshubError('NOT_FOUND', `API key "${id}" does not exist`);
    if (!(await this.repo.apiKeys.revoke(id)))
      throw new ObshubError('CONFLICT', `API key "${id}" is already revoked`);
    await this.audit.record(principal, 'api-key.revoke', 'success', {
      orgId: key.orgId,
      target: `key:${id}`,
      source,
    });
  }

  /**
   * The caller behind a presented key; throws UNAUTHENTICATED when it is not usable, counted (and
   * audited) as a failed authentication of `source`.
   */
  async authenticate(key: string, source: string | null): Promise<Principal> {
    const id = apiKeyId(key);
    const holder = id ? await this.repo.apiKeys.findHolder(id) : undefined;
    const reason =
      !holder || !apiKeyMatches(key, holder.keyHash)
        ? 'unknown key'
        : holder.revokedAt
          ? 'revoked'
          : holder.expiresAt && holder.expiresAt.getTime() <= Date.now()
            ? 'expired'
            : holder.ownerDisabled
              ? 'owner disabled'
              : undefined;
    const outcome = reason === 'owner disabled' ? 'refused' : reason === 'unknown key' ? 'unknown' : reason;
    emit('identity.api_key', { outcome: outcome ?? 'ok' });
    if (reason || !holder) {
      await this.failures.record(source, {
        action: 'api-key.rejected',
        orgId: holder?.orgId ?? null,
        target: id ? `key:${id}` : null,
        details: { reason: reason ?? 'unknown key' },
      });
      throw new ObshubError('UNAUTHENTICATED', `the API key is not valid (${reason ?? 'unknown key'})`);
    }
    const last = this.touched.get(holder.id) ?? 0;
    if (Date.now() - last > TOUCH_EVERY_MS) {
      this.touched.set(holder.id, Date.now());
      await this.repo.apiKeys.touch([holder.id]);
    }
    return {
      actor: `key:${holder.id}`,
      role: holder.role,
      orgId: holder.orgId,
      userId: holder.userId,
      scopes: new Set(holder.scopes),
      via: 'api-key',
    };
  }
}
