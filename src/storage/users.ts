// Repository of people (app_user): accounts, their role and organisation, password and second factor.
import type { UserRole } from '../core/access.js';
import type { Sql } from './db.js';

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

export interface UserRepository {
  create(user: NewUserRow): Promise<User>;
  find(id: string): Promise<User | undefined>;
  /** Case-insensitive. */
  findByUsername(username: string): Promise<User | undefined>;
  list(orgId?: string): Promise<User[]>;
  count(role?: UserRole): Promise<number>;
  update(id: string, changes: UserChanges): Promise<User | undefined>;
  delete(id: string): Promise<boolean>;
}

export type NewUserRow = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'orgId' | 'passwordHash'>;

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

export class SqlUserRepository implements UserRepository {
  constructor(private readonly sql: Sql) {}

  async create(user: NewUserRow): Promise<User> {
    const [row] = await this.sql.query<UserRow>(
      `INSERT INTO app_user (id, username, display_name, role, org_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [user.id, user.username, user.displayName, user.role, user.orgId, user.passwordHash],
    );
    return toUser(row!);
  }

  async find(id: string): Promise<User | undefined> {
    const [row] = await this.sql.query<UserRow>('SELECT * FROM app_user WHERE id = $1', [id]);
    return row && toUser(row);
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const [row] = await this.sql.query<UserRow>('SELECT * FROM app_user WHERE lower(username) = lower($1)', [
      username,
    ]);
    return row && toUser(row);
  }

  async list(orgId?: string): Promise<User[]> {
    const rows = await this.sql.query<UserRow>(
      'SELECT * FROM app_user WHERE ($1::text IS NULL OR org_id = $1) ORDER BY username',
      [orgId ?? null],
    );
    return rows.map(toUser);
  }

  async count(role?: UserRole): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM app_user WHERE ($1::text IS NULL OR role = $1)',
      [role ?? null],
    );
    return row!.n;
  }

  async update(id: string, changes: UserChanges): Promise<User | undefined> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [
      keyof UserChanges,
      unknown,
    ][];
    if (entries.length === 0) return this.find(id);
    const sets = entries.map(([key], i) => `${USER_COLUMNS[key]} = $${i + 2}`);
    const [row] = await this.sql.query<UserRow>(
      `UPDATE app_user SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
      [id, ...entries.map(([, v]) => v)],
    );
    return row && toUser(row);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM app_user WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
