// The identity repository: organisations and their naming authorities, users, API keys and the audit log.
import type { Role, Scope, UserRole } from '../core/access.js';
import { storableJson, storableText } from '../core/text.js';
import type { Sql } from './db.js';

export type DataPolicy = 'core' | 'recommended';

export interface Organisation {
  id: string;
  name: string;
  require2fa: boolean;
  createdAt: Date;
  authorities: { authority: string; dataPolicy: DataPolicy }[];
}

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: UserRole;
  orgId: string | null;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  recoveryCodes: string[];
  lockedUntil: Date | null;
  disabled: boolean;
  createdAt: Date;
}

export interface ApiKey {
  id: string;
  keyHash: string;
  name: string;
  orgId: string;
  userId: string | null;
  scopes: Scope[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** An API key with what is needed to act on it: the role it acts with and whether its owner may act. */
export interface ApiKeyHolder extends ApiKey {
  role: Role;
  ownerDisabled: boolean;
}

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

interface OrganisationRow {
  id: string;
  name: string;
  require_2fa: boolean;
  created_at: Date;
  authorities: { authority: string; dataPolicy: DataPolicy }[] | null;
}

const ORGANISATION_SELECT = `
  SELECT o.id, o.name, o.require_2fa, o.created_at,
         (SELECT json_agg(json_build_object('authority', a.authority, 'dataPolicy', a.data_policy)
                          ORDER BY a.authority)
            FROM naming_authority a WHERE a.org_id = o.id) AS authorities
    FROM organisation o`;

const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  require2fa: r.require_2fa,
  createdAt: r.created_at,
  authorities: r.authorities ?? [],
});

interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  role: UserRole;
  org_id: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: string | number | null;
  recovery_codes: string[];
  locked_until: Date | null;
  disabled: boolean;
  created_at: Date;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpEnabled: r.totp_enabled,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  recoveryCodes: r.recovery_codes,
  lockedUntil: r.locked_until,
  disabled: r.disabled,
  createdAt: r.created_at,
});

interface ApiKeyRow {
  id: string;
  key_hash: string;
  name: string;
  org_id: string;
  user_id: string | null;
  scopes: Scope[];
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  keyHash: r.key_hash,
  name: r.name,
  orgId: r.org_id,
  userId: r.user_id,
  scopes: r.scopes,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

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

/** Columns a user update may change, by their domain names. */
export type UserChanges = Partial<
  Pick<
    User,
    | 'displayName'
    | 'role'
    | 'orgId'
    | 'passwordHash'
    | 'totpSecret'
    | 'totpEnabled'
    | 'totpLastStep'
    | 'recoveryCodes'
    | 'lockedUntil'
    | 'disabled'
  >
>;

const USER_COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  orgId: 'org_id',
  passwordHash: 'password_hash',
  totpSecret: 'totp_secret',
  totpEnabled: 'totp_enabled',
  totpLastStep: 'totp_last_step',
  recoveryCodes: 'recovery_codes',
  lockedUntil: 'locked_until',
  disabled: 'disabled',
};

export class IdentityRepository {
  constructor(private readonly sql: Sql) {}

  // Organisations

  async createOrganisation(org: { id: string; name: string; require2fa: boolean }): Promise<Organisation> {
    await this.sql.query('INSERT INTO organisation (id, name, require_2fa) VALUES ($1, $2, $3)', [
      org.id,
      org.name,
      org.require2fa,
    ]);
    return (await this.findOrganisation(org.id))!;
  }

  async findOrganisation(id: string): Promise<Organisation | undefined> {
    const [row] = await this.sql.query<OrganisationRow>(`${ORGANISATION_SELECT} WHERE o.id = $1`, [id]);
    return row && toOrganisation(row);
  }

  async listOrganisations(): Promise<Organisation[]> {
    return (await this.sql.query<OrganisationRow>(`${ORGANISATION_SELECT} ORDER BY o.id`)).map(
      toOrganisation,
    );
  }

  async updateOrganisation(id: string, changes: { name?: string; require2fa?: boolean }): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE organisation SET name = coalesce($2, name), require_2fa = coalesce($3, require_2fa)
        WHERE id = $1 RETURNING id`,
      [id, changes.name ?? null, changes.require2fa ?? null],
    );
    return rows.length > 0;
  }

  async deleteOrganisation(id: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM organisation WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  /** Gives `authority` to `orgId` (or changes its data policy); fails when another organisation owns it. */
  async upsertAuthority(orgId: string, authority: string, dataPolicy: DataPolicy): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO naming_authority (authority, org_id, data_policy) VALUES ($1, $2, $3)
       ON CONFLICT (authority) DO UPDATE SET data_policy = EXCLUDED.data_policy
         WHERE naming_authority.org_id = EXCLUDED.org_id
       RETURNING authority`,
      [authority, orgId, dataPolicy],
    );
    return rows.length > 0;
  }

  async deleteAuthority(orgId: string, authority: string): Promise<boolean> {
    const rows = await this.sql.query(
      'DELETE FROM naming_authority WHERE org_id = $1 AND authority = $2 RETURNING authority',
      [orgId, authority],
    );
    return rows.length > 0;
  }

  /** Every naming authority with its owner and data policy. */
  async listAuthorities(): Promise<{ authority: string; orgId: string; dataPolicy: DataPolicy }[]> {
    return this.sql.query(
      'SELECT authority, org_id AS "orgId", data_policy AS "dataPolicy" FROM naming_authority ORDER BY authority',
    );
  }

  // Users

  async createUser(user: {
    id: string;
    username: string;
    displayName: string | null;
    role: UserRole;
    orgId: string | null;
    passwordHash: string | null;
  }): Promise<User> {
    const [row] = await this.sql.query<UserRow>(
      `INSERT INTO app_user (id, username, display_name, role, org_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [user.id, user.username, user.displayName, user.role, user.orgId, user.passwordHash],
    );
    return toUser(row!);
  }

  async findUser(id: string): Promise<User | undefined> {
    const [row] = await this.sql.query<UserRow>('SELECT * FROM app_user WHERE id = $1', [id]);
    return row && toUser(row);
  }

  async findUserByUsername(username: string): Promise<User | undefined> {
    const [row] = await this.sql.query<UserRow>('SELECT * FROM app_user WHERE lower(username) = lower($1)', [
      username,
    ]);
    return row && toUser(row);
  }

  async listUsers(orgId?: string): Promise<User[]> {
    const rows = await this.sql.query<UserRow>(
      'SELECT * FROM app_user WHERE ($1::text IS NULL OR org_id = $1) ORDER BY username',
      [orgId ?? null],
    );
    return rows.map(toUser);
  }

  async countUsers(role?: UserRole): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM app_user WHERE ($1::text IS NULL OR role = $1)',
      [role ?? null],
    );
    return row!.n;
  }

  async updateUser(id: string, changes: UserChanges): Promise<User | undefined> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [
      keyof UserChanges,
      unknown,
    ][];
    if (entries.length === 0) return this.findUser(id);
    const sets = entries.map(([key], i) => `${USER_COLUMNS[key]} = $${i + 2}`);
    const [row] = await this.sql.query<UserRow>(
      `UPDATE app_user SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
      [id, ...entries.map(([, v]) => v)],
    );
    return row && toUser(row);
  }

  async deleteUser(id: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM app_user WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  // API keys

  async createApiKey(key: Omit<ApiKey, 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<ApiKey> {
    const [row] = await this.sql.query<ApiKeyRow>(
      `INSERT INTO api_key (id, key_hash, name, org_id, user_id, scopes, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [key.id, key.keyHash, key.name, key.orgId, key.userId, key.scopes, key.createdBy, key.expiresAt],
    );
    return toApiKey(row!);
  }

  /** The key with the role it acts with: its user's role, or `service` for an organisation's key. */
  async findApiKeyHolder(id: string): Promise<ApiKeyHolder | undefined> {
    const [row] = await this.sql.query<ApiKeyRow & { role: Role; owner_disabled: boolean }>(
      `SELECT k.*, coalesce(u.role, 'service') AS role, coalesce(u.disabled, false) AS owner_disabled
         FROM api_key k LEFT JOIN app_user u ON u.id = k.user_id
        WHERE k.id = $1`,
      [id],
    );
    return row && { ...toApiKey(row), role: row.role, ownerDisabled: row.owner_disabled };
  }

  async listApiKeys(filter: { orgId?: string; userId?: string }): Promise<ApiKey[]> {
    const rows = await this.sql.query<ApiKeyRow>(
      `SELECT * FROM api_key WHERE ($1::text IS NULL OR org_id = $1) AND ($2::text IS NULL OR user_id = $2)
        ORDER BY created_at, id`,
      [filter.orgId ?? null, filter.userId ?? null],
    );
    return rows.map(toApiKey);
  }

  async revokeApiKey(id: string): Promise<boolean> {
    const rows = await this.sql.query(
      'UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async touchApiKeys(ids: readonly string[]): Promise<void> {
    await this.sql.query('UPDATE api_key SET last_used_at = now() WHERE id = ANY($1::text[])', [ids]);
  }

  // Audit log

  /**
   * Appends an event. Its texts often quote what a caller sent: they are made storable (a NUL written
   * as `\u0000`, an unpaired surrogate as U+FFFD), so that no input can make an event go unrecorded.
   */
  async appendAudit(event: NewAuditEvent): Promise<void> {
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
  async findAudit(filter: AuditFilter): Promise<AuditEvent[]> {
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
