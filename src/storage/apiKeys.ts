// Repository of API keys (stored as hashes) and the role each acts with.
import type { CredentialScope, Role } from '../core/access.js';
import type { Sql } from './db.js';

export interface ApiKey {
  id: string;
  keyHash: string;
  name: string;
  orgId: string;
  userId: string | null;
  scopes: CredentialScope[];
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

export interface ApiKeyRepository {
  create(key: NewApiKey): Promise<ApiKey>;
  /** The key with the role it acts with: its user's role, or `service` for an organisation's key. */
  findHolder(id: string): Promise<ApiKeyHolder | undefined>;
  list(filter: { orgId?: string; userId?: string }): Promise<ApiKey[]>;
  /** False when the key does not exist or was revoked already. */
  revoke(id: string): Promise<boolean>;
  /** Records that the keys were used now. */
  touch(ids: readonly string[]): Promise<void>;
}

export type NewApiKey = Omit<ApiKey, 'createdAt' | 'revokedAt' | 'lastUsedAt'>;

interface ApiKeyRow {
  id: string;
  key_hash: string;
  name: string;
  org_id: string;
  user_id: string | null;
  scopes: CredentialScope[];
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

export class SqlApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  async create(key: NewApiKey): Promise<ApiKey> {
    const [row] = await this.sql.query<ApiKeyRow>(
      `INSERT INTO api_key (id, key_hash, name, org_id, user_id, scopes, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [key.id, key.keyHash, key.name, key.orgId, key.userId, key.scopes, key.createdBy, key.expiresAt],
    );
    return toApiKey(row!);
  }

  /** The key with the role it acts with: its user's role, or `service` for an organisation's key. */
  async findHolder(id: string): Promise<ApiKeyHolder | undefined> {
    const [row] = await this.sql.query<ApiKeyRow & { role: Role; owner_disabled: boolean }>(
      `SELECT k.*, coalesce(u.role, 'service') AS role, coalesce(u.disabled, false) AS owner_disabled
         FROM api_key k LEFT JOIN app_user u ON u.id = k.user_id
        WHERE k.id = $1`,
      [id],
    );
    return row && { ...toApiKey(row), role: row.role, ownerDisabled: row.owner_disabled };
  }

  async list(filter: { orgId?: string; userId?: string }): Promise<ApiKey[]> {
    const rows = await this.sql.query<ApiKeyRow>(
      `SELECT * FROM api_key WHERE ($1::text IS NULL OR org_id = $1) AND ($2::text IS NULL OR user_id = $2)
        ORDER BY created_at, id`,
      [filter.orgId ?? null, filter.userId ?? null],
    );
    return rows.map(toApiKey);
  }

  async revoke(id: string): Promise<boolean> {
    const rows = await this.sql.query(
      'UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async touch(ids: readonly string[]): Promise<void> {
    await this.sql.query('UPDATE api_key SET last_used_at = now() WHERE id = ANY($1::text[])', [ids]);
  }
}
