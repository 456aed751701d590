// People: accounts, roles, passwords reset by admins, and two-factor authentication (TOTP with recovery codes).
import { randomUUID } from 'node:crypto';
import { isPlatformWide, userRoles, type Principal, type UserRole } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import type { SecretBox } from '../core/secretBox.js';
import type { Static } from 'typebox';
import type { Repositories, User } from '../storage/index.js';
import type { User as UserBody } from './api/schemas.js';
import type { AuditLog } from './audit.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { permit, permitInOrg } from './permit.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from './totp.js';

export const TOTP_PURPOSE = 'totp';

/** A person as the admin API shows them (the API's schema): never a hash or a secret. */
export type PublicUser = Static<typeof UserBody>;

export function publicUser(user: User, nowMs = Date.now()): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgId: user.orgId,
    totpEnabled: user.totpEnabled,
    disabled: user.disabled,
    locked: user.lockedUntil !== null && user.lockedUntil.getTime() > nowMs,
    createdAt: user.createdAt.toISOString(),
  };
}

export interface NewUser {
  username: string;
  displayName?: string | null;
  role: UserRole;
  orgId?: string | null;
  password?: string;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new ObshubError('BAD_REQUEST', problem);
}

export class UserService {
  constructor(
    private readonly repo: Pick<Repositories, 'users' | 'organisations'>,
    private readonly audit: AuditLog,
    private readonly secrets: SecretBox,
  ) {}

  /** Org admins manage the people of their own organisation and cannot hand out platform-wide roles. */
  private permitRole(principal: Principal, role: UserRole, orgId: string | null): void {
    permitInOrg(principal, 'users:manage', orgId);
    if (!isPlatformWide(principal) && (role === 'platform-admin' || role === 'maintainer')) {
      throw new ObshubError('FORBIDDEN', `only a platform admin can give the role ${role}`);
    }
  }

  private async existing(principal: Principal, id: string): Promise<User> {
    const user = await this.repo.users.find(id);
    // Another organisation's user is "not found" rather than "forbidden": its existence is not disclosed.
    if (!user || (!isPlatformWide(principal) && user.orgId !== principal.orgId)) {
      throw new ObshubError('NOT_FOUND', `user "${id}" does not exist`);
    }
    return user;
  }

  async create(principal: Principal, input: NewUser, source: string | null = null): Promise<User> {
    if (!(userRoles as readonly string[]).includes(input.role)) {
      throw new ObshubError('BAD_REQUEST', `role must be one of ${userRoles.join(', ')}`);
    }
    const platformRole = input.role === 'platform-admin' || input.role === 'maintainer';
    const orgId = platformRole ? null : (input.orgId ?? principal.orgId);
    if (platformRole && input.orgId) {
      throw new ObshubError('BAD_REQUEST', `the role ${input.role} belongs to no organisation; omit orgId`);
    }
    if (!platformRole && !orgId)
      throw new ObshubError('BAD_REQUEST', `the role ${input.role} needs an orgId`);
    this.permitRole(principal, input.role, orgId);
    if (!/^[^\s]{3,254}$/.test(input.username)) {
      throw new ObshubError(
        'BAD_REQUEST',
        'a username is 3–254 characters without spaces (an e-mail address works)',
      );
    }
    if (input.password !== undefined) checkPassword(input.password);
    if (await this.repo.users.findByUsername(input.username)) {
      throw new ObshubError('CONFLICT', `username "${input.username}" is taken`);
    }
    if (orgId && !(await this.repo.organisations.find(orgId))) {
      throw new ObshubError('NOT_FOUND', `organisation "${orgId}" does not exist`);
    }
    const user = await this.repo.users.create({
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName ?? null,
      role: input.role,
      orgId,
      passwordHash: input.password === undefined ? null : await hashPassword(input.password),
    });
    await this.audit.record(principal, 'user.create', 'success', {
      orgId,
      target: `user:${user.id}`,
      source,
      details: { username: user.username, role: user.role },
    });
    return user;
  }

  /**
   * The account of `id` as it is now, without a permission check: for the sign-in flow and the token
   * verifier, which act for the person themselves (their session, their token).
   */
  account(id: string): Promise<User | undefined> {
    return this.repo.users.find(id);
  }

  async list(principal: Principal, orgId?: string): Promise<User[]> {
    const scope = isPlatformWide(principal) ? orgId : (principal.orgId ?? '');
    permitInOrg(principal, 'users:manage', scope ?? null);
    return this.repo.users.list(scope);
  }

  async get(principal: Principal, id: string): Promise<User> {
    if (principal.userId === id) return this.existing(principal, id);
    permit(principal, 'users:manage');
    return this.existing(principal, id);
  }

  async update(
    principal: Principal,
    id: string,
    changes: { displayName?: string | null; role?: UserRole; disabled?: boolean },
    source: string | null = null,
  ): Promise<User> {
    permit(principal, 'users:manage');
    const user = await this.existing(principal, id);
    if (changes.role !== undefined) {
      const platformRole = (r: UserRole) => r === 'platform-admin' || r === 'maintainer';
      if (platformRole(changes.role) !== platformRole(user.role)) {
        throw new ObshubError(
          'BAD_REQUEST',
          `a user cannot move between platform-wide and organisation roles (${user.role} → ${changes.role}); create a new account`,
        );
      }
      this.permitRole(principal, changes.role, user.orgId);
    }
    if (principal.userId === id && (changes.role !== undefined || changes.disabled)) {
      throw new ObshubError('FORBIDDEN', 'you cannot change your own role or disable yourself');
    }
    const updated = (await this.repo.users.update(id, changes))!;
    if (changes.role !== undefined && changes.role !== user.role) {
      await this.audit.record(principal, 'user.role-change', 'success', {
        orgId: user.orgId,
        target: `user:${id}`,
        source,
        details: { from: user.role, to: changes.role },
      });
    }
    if (changes.displayName !== undefined || changes.disabled !== undefined) {
      await this.audit.record(principal, 'user.update', 'success', {
        orgId: user.orgId,
        target: `user:${id}`,
        source,
        details: { displayName: changes.displayName, disabled: changes.disabled },
      });
    }
    return updated;
  }

  async delete(principal: Principal, id: string, source: string | null = null): Promise<void> {
    permit(principal, 'users:manage');
    const user = await this.existing(principal, id);
    if (principal.userId === id) throw new ObshubError('FORBIDDEN', 'you cannot delete yourself');
    await this.repo.users.delete(id);
    await this.audit.record(principal, 'user.delete', 'success', {
      orgId: user.orgId,
      target: `user:${id}`,
      source,
      details: { username: user.username },
    });
  }

  /** An admin sets a new password; the lockout is lifted. */
  async resetPassword(principal: Principal, id: string, password: string, source: string | null = null) {
    permit(principal, 'users:manage');
    const user = await this.existing(principal, id);
    checkPassword(password);
    await this.repo.users.update(id, {
      passwordHash: await hashPassword(password),
      lockedUntil: null,
    });
    await this.audit.record(principal, 'password.reset', 'success', {
      orgId: user.orgId,
      target: `user:${id}`,
      source,
    });
  }

  /** A person changes their own password, proving the current one. */
  async changeOwnPassword(principal: Principal, current: string, next: string, source: string | null = null) {
    const user = await this.self(principal);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
      await this.audit.record(principal, 'password.change', 'failure', { target: `user:${user.id}`, source });
      throw new ObshubError('FORBIDDEN', 'the current password is wrong');
    }
    checkPassword(next);
    await this.repo.users.update(user.id, { passwordHash: await hashPassword(next) });
    await this.audit.record(principal, 'password.change', 'success', { target: `user:${user.id}`, source });
  }

  async self(principal: Principal): Promise<User> {
    permit(principal, 'account:manage');
    const user = principal.userId ? await this.repo.users.find(principal.userId) : undefined;
    if (!user) throw new ObshubError('FORBIDDEN', 'only people have accounts; sign in as a user');
    return user;
  }

  /** Starts TOTP enrolment: a new secret (not active until confirmed) and its otpauth:// URI for a QR code. */
  async enrolTotp(
    principal: Principal,
    source: string | null = null,
  ): Promise<{ secret: string; uri: string }> {
    const user = await this.self(principal);
    if (user.totpEnabled)
      throw new ObshubError('CONFLICT', 'two-factor authentication is already on; disable it first');
    const secret = newTotpSecret();
    await this.repo.users.update(user.id, { totpSecret: this.secrets.seal(TOTP_PURPOSE, secret) });
    await this.audit.record(principal, 'totp.enrol', 'success', { target: `user:${user.id}`, source });
    return { secret, uri: totpUri(secret, user.username) };
  }

  /** Confirms enrolment with a first code; returns the one-time recovery codes (shown once). */
  async confirmTotp(principal: Principal, code: string, source: string | null = null): Promise<string[]> {
    const user = await this.self(principal);
    if (user.totpEnabled || !user.totpSecret) {
      throw new ObshubError('CONFLICT', 'start enrolment first (POST /api/v1/me/totp)');
    }
    const step = verifyTotp(this.secrets.open(TOTP_PURPOSE, user.totpSecret), code);
    if (step === null) {
      await this.audit.record(principal, 'totp.enable', 'failure', { target: `user:${user.id}`, source });
      throw new ObshubError('BAD_REQUEST', 'the code is not valid; check the clock of the authenticator');
    }
    const codes = newRecoveryCodes();
    await this.repo.users.update(user.id, {
      totpEnabled: true,
      totpLastStep: step,
      recoveryCodes: codes.map(hashRecoveryCode),
    });
    await this.audit.record(principal, 'totp.enable', 'success', { target: `user:${user.id}`, source });
    return codes;
  }

  /** Turns 2FA off: the person proves it with a current code, or an admin does it for them (lost device). */
  async disableTotp(
    principal: Principal,
    id: string,
    code: string | undefined,
    source: string | null = null,
  ) {
    const own = principal.userId === id;
    const user = own ? await this.self(principal) : await this.get(principal, id);
    if (own) {
      const step =
        user.totpSecret && code ? verifyTotp(this.secrets.open(TOTP_PURPOSE, user.totpSecret), code) : null;
      if (user.totpEnabled && step === null) {
        await this.audit.record(principal, 'totp.disable', 'failure', { target: `user:${id}`, source });
        throw new ObshubError('FORBIDDEN', 'a current code is needed to turn two-factor authentication off');
      }
    }
    await this.repo.users.update(id, {
      totpEnabled: false,
      totpSecret: null,
      totpLastStep: null,
      recoveryCodes: [],
    });
    await this.audit.record(principal, 'totp.disable', 'success', {
      orgId: user.orgId,
      target: `user:${id}`,
      source,
    });
  }
}
