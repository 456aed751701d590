// Repository of organisations and the naming authorities they own.
import type { Sql } from './db.js';

export type DataPolicy = 'core' | 'recommended';

export interface Organisation {
  id: string;
  name: string;
  require2fa: boolean;
  createdAt: Date;
  authorities: { authority: string; dataPolicy: DataPolicy }[];
}

export interface OrganisationRepository {
  create(org: { id: string; name: string; require2fa: boolean }): Promise<Organisation>;
  find(id: string): Promise<Organisation | undefined>;
  list(): Promise<Organisation[]>;
  update(id: string, changes: { name?: string; require2fa?: boolean }): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** Gives `authority` to `orgId` (or changes its data policy); false when another organisation owns it. */
  upsertAuthority(orgId: string, authority: string, dataPolicy: DataPolicy): Promise<boolean>;
  deleteAuthority(orgId: string, authority: string): Promise<boolean>;
  /** Every naming authority with its owner and data policy. */
  listAuthorities(): Promise<{ authority: string; orgId: string; dataPolicy: DataPolicy }[]>;
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

export class SqlOrganisationRepository implements OrganisationRepository {
  constructor(private readonly sql: Sql) {}

  async create(org: { id: string; name: string; require2fa: boolean }): Promise<Organisation> {
    await this.sql.query('INSERT INTO organisation (id, name, require_2fa) VALUES ($1, $2, $3)', [
      org.id,
      org.name,
      org.require2fa,
    ]);
    return (await this.find(org.id))!;
  }

  async find(id: string): Promise<Organisation | undefined> {
    const [row] = await this.sql.query<OrganisationRow>(`${ORGANISATION_SELECT} WHERE o.id = $1`, [id]);
    return row && toOrganisation(row);
  }

  async list(): Promise<Organisation[]> {
    return (await this.sql.query<OrganisationRow>(`${ORGANISATION_SELECT} ORDER BY o.id`)).map(
      toOrganisation,
    );
  }

  async update(id: string, changes: { name?: string; require2fa?: boolean }): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE organisation SET name = coalesce($2, name), require_2fa = coalesce($3, require_2fa)
        WHERE id = $1 RETURNING id`,
      [id, changes.name ?? null, changes.require2fa ?? null],
    );
    return rows.length > 0;
  }

  async delete(id: string): Promise<boolean> {
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
}
