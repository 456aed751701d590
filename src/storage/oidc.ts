// The OIDC repository: the built-in provider's artefacts (oidc-provider adapter rows), its sealed keys,
// and the client-credentials clients of organisations.
import type { CredentialScope } from '../core/access.js';
import type { Database } from './db.js';

/** What oidc-provider stores for one artefact (a JSON object; `consumed` is set once it was used). */
export type OidcPayload = Record<string, unknown>;

export type OidcKeyUse = 'sig' | 'cookie';

export interface OidcKey {
  id: string;
  use: OidcKeyUse;
  /** The key material, sealed with OBSHUB_SECRET. */
  sealed: string;
  createdAt: Date;
}

export interface OidcClient {
  id: string;
  orgId: string;
  name: string;
  sealedSecret: string;
  scopes: CredentialScope[];
  createdBy: string;
  createdAt: Date;
}

interface PayloadRow {
  payload: OidcPayload;
  consumed_at: Date | null;
}

interface ClientRow {
  id: string;
  org_id: string;
  name: string;
  sealed_secret: string;
  scopes: CredentialScope[];
  created_by: string;
  created_at: Date;
}

const toClient = (r: ClientRow): OidcClient => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  sealedSecret: r.sealed_secret,
  scopes: r.scopes,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const KEY_LOCK = 7_301_040; // arbitrary, constant: creating the first OIDC keys

const LIVE = '(expires_at IS NULL OR expires_at > now())';

function withConsumed(row: PayloadRow | undefined): OidcPayload | undefined {
  if (!row) return undefined;
  return row.consumed_at
    ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
    : row.payload;
}

export type NewOidcKey = Pick<OidcKey, 'id' | 'use' | 'sealed'>;

export interface OidcRepository {
  /** oidc-provider's artefacts by model and id (sessions, grants, codes, tokens, interactions). */
  upsertPayload(model: string, id: string, payload: OidcPayload, expiresInSeconds?: number): Promise<void>;
  findPayload(model: string, id: string): Promise<OidcPayload | undefined>;
  findPayloadBy(model: string, field: 'uid' | 'user_code', value: string): Promise<OidcPayload | undefined>;
  consumePayload(model: string, id: string): Promise<void>;
  deletePayload(model: string, id: string): Promise<void>;
  deleteGrant(grantId: string): Promise<void>;
  /** Live, unconsumed artefacts of `model` whose payload's accountId is `accountId`. */
  findPayloadsOfAccount(model: string, accountId: string): Promise<OidcPayload[]>;
  /** Deletes the provider's browser sessions that hold `grantId` (so that it cannot sign in again silently). */
  deleteSessionsOfGrant(grantId: string): Promise<void>;
  /** Deletes expired artefacts; returns how many. */
  purgeExpired(): Promise<number>;
  /** Unretired keys of `use`, newest first. */
  listKeys(use: OidcKeyUse): Promise<OidcKey[]>;
  /** Stores `candidates` for every use that has no unretired key yet (the first start), under a lock. */
  insertFirstKeys(candidates: NewOidcKey[]): Promise<void>;
  insertKey(key: NewOidcKey): Promise<void>;
  /** Retires one key; returns false when it does not exist or was retired already. */
  retireKey(id: string): Promise<boolean>;
  /** A value that changes whenever a key is added or retired (processes poll it to reload). */
  keysVersion(): Promise<string>;
  createClient(client: Omit<OidcClient, 'createdAt'>): Promise<OidcClient>;
  findClient(id: string): Promise<OidcClient | undefined>;
  listClients(orgId?: string): Promise<OidcClient[]>;
  deleteClient(id: string): Promise<boolean>;
}

export class SqlOidcRepository implements OidcRepository {
  constructor(private readonly db: Database) {}

  // Provider artefacts

  async upsertPayload(model: string, id: string, payload: OidcPayload, expiresInSeconds?: number) {
    const str = (key: string) => (typeof payload[key] === 'string' ? payload[key] : null);
    await this.db.query(
      `INSERT INTO oidc_payload (model, id, payload, grant_id, user_code, uid, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::double precision IS NULL THEN NULL
                                            ELSE now() + make_interval(secs => $7::double precision) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
         user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at,
         consumed_at = NULL`,
      [
        model,
        id,
        JSON.stringify(payload),
        str('grantId'),
        str('userCode'),
        str('uid'),
        expiresInSeconds ?? null,
      ],
    );
  }

  async findPayload(model: string, id: string): Promise<OidcPayload | undefined> {
    const [row] = await this.db.query<PayloadRow>(
      `SELECT payload, consumed_at FROM oidc_payload WHERE model = $1 AND id = $2 AND ${LIVE}`,
      [model, id],
    );
    return withConsumed(row);
  }

  async findPayloadBy(
    model: string,
    column: 'uid' | 'user_code',
    value: string,
  ): Promise<OidcPayload | undefined> {
    const [row] = await this.db.query<PayloadRow>(
      `SELECT payload, consumed_at FROM oidc_payload WHERE model = $1 AND ${column} = $2 AND ${LIVE}`,
      [model, value],
    );
    return withConsumed(row);
  }

  async consumePayload(model: string, id: string): Promise<void> {
    await this.db.query('UPDATE oidc_payload SET consumed_at = now() WHERE model = $1 AND id = $2', [
      model,
      id,
    ]);
  }

  async deletePayload(model: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM oidc_payload WHERE model = $1 AND id = $2', [model, id]);
  }

  async deleteGrant(grantId: string): Promise<void> {
    await this.db.query('DELETE FROM oidc_payload WHERE grant_id = $1', [grantId]);
  }

  /** Live, unconsumed artefacts of `model` whose payload's accountId is `accountId`. */
  async findPayloadsOfAccount(model: string, accountId: string): Promise<OidcPayload[]> {
    const rows = await this.db.query<{ payload: OidcPayload }>(
      `SELECT payload FROM oidc_payload WHERE model = $1 AND payload->>'accountId' = $2 AND ${LIVE}
         AND consumed_at IS NULL`,
      [model, accountId],
    );
    return rows.map((r) => r.payload);
  }

  /** Deletes the provider's browser sessions that hold `grantId` (so that it cannot sign in again silently). */
  async deleteSessionsOfGrant(grantId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM oidc_payload WHERE model = 'Session' AND EXISTS (
         SELECT 1 FROM jsonb_each(payload->'authorizations') a WHERE a.value->>'grantId' = $1)`,
      [grantId],
    );
  }

  /** Deletes expired artefacts; returns how many. */
  async purgeExpired(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM oidc_payload WHERE expires_at <= now() RETURNING 1)
       SELECT count(*)::integer AS n FROM gone`,
    );
    return row?.n ?? 0;
  }

  // Keys

  /** Unretired keys of `use`, newest first. */
  async listKeys(use: OidcKeyUse): Promise<OidcKey[]> {
    const rows = await this.db.query<{ id: string; use: OidcKeyUse; sealed: string; created_at: Date }>(
      `SELECT id, use, sealed, created_at FROM oidc_key WHERE use = $1 AND retired_at IS NULL
        ORDER BY created_at DESC, id`,
      [use],
    );
    return rows.map((r) => ({ id: r.id, use: r.use, sealed: r.sealed, createdAt: r.created_at }));
  }

  /**
   * Stores `candidates` for every use that has no unretired key yet (the first start), under a lock, so
   * that processes starting together agree on one set.
   */
  async insertFirstKeys(candidates: NewOidcKey[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
      const present = new Set(
        (
          await tx.query<{ use: OidcKeyUse }>('SELECT DISTINCT use FROM oidc_key WHERE retired_at IS NULL')
        ).map((r) => r.use),
      );
      for (const key of candidates) {
        if (present.has(key.use)) continue;
        await tx.query('INSERT INTO oidc_key (id, use, sealed) VALUES ($1, $2, $3)', [
          key.id,
          key.use,
          key.sealed,
        ]);
      }
    });
  }

  async insertKey(key: NewOidcKey): Promise<void> {
    await this.db.query('INSERT INTO oidc_key (id, use, sealed) VALUES ($1, $2, $3)', [
      key.id,
      key.use,
      key.sealed,
    ]);
  }

  /** Retires one key; returns false when it does not exist or was retired already. */
  async retireKey(id: string): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE oidc_key SET retired_at = now() WHERE id = $1 AND retired_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  /** A value that changes whenever a key is added or retired (processes poll it to reload). */
  async keysVersion(): Promise<string> {
    const [row] = await this.db.query<{ v: string }>(
      `SELECT count(*)::text || ':' || coalesce(max(created_at)::text, '') || ':' ||
              coalesce(max(retired_at)::text, '') AS v FROM oidc_key`,
    );
    return row?.v ?? '';
  }

  // Clients of organisations

  async createClient(client: Omit<OidcClient, 'createdAt'>): Promise<OidcClient> {
    const [row] = await this.db.query<ClientRow>(
      `INSERT INTO oidc_client (id, org_id, name, sealed_secret, scopes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [client.id, client.orgId, client.name, client.sealedSecret, client.scopes, client.createdBy],
    );
    return toClient(row!);
  }

  async findClient(id: string): Promise<OidcClient | undefined> {
    const [row] = await this.db.query<ClientRow>('SELECT * FROM oidc_client WHERE id = $1', [id]);
    return row && toClient(row);
  }

  async listClients(orgId?: string): Promise<OidcClient[]> {
    const rows = await this.db.query<ClientRow>(
      'SELECT * FROM oidc_client WHERE ($1::text IS NULL OR org_id = $1) ORDER BY created_at, id',
      [orgId ?? null],
    );
    return rows.map(toClient);
  }

  async deleteClient(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM oidc_client WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
