// Password sign-in with lockout, then the second factor (TOTP or a one-time recovery code). Used by the
// OIDC provider's login pages and by anything else that signs people in. Lockout (lockout.ts) counts per
// address and account, and treats names of no account exactly like accounts: the same answers, the same
// password hashing, the same counting.
import { ObshubError } from '../core/errors.js';
import type { SecretBox } from '../core/secretBox.js';
import { textProblem } from '../core/text.js';
import type { Repositories, User } from '../storage/index.js';
import type { AuditLog } from './audit.js';
import type { AuthFailures } from './authFailures.js';
import type { Lockout } from './lockout.js';
import { emit } from '../observability/index.js';
import { verifyDecoy, verifyPassword } from './passwords.js';
import { hashRecoveryCode, verifyTotp } from './totp.js';
import { TOTP_PURPOSE } from './users.js';

export interface PasswordAccepted {
  user: User;
  /** What must happen before the person is signed in. */
  next: 'done' | 'totp' | 'enrol-totp';
}

const REFUSED = 'the username or password is wrong';

/** The account behind a name, when it can sign in with a password. */
function account(user: User | undefined): User | undefined {
  return user?.passwordHash && !user.disabled ? user : undefined;
}

export class SignInService {
  constructor(
    private readonly repo: Pick<Repositories, 'users' | 'organisations'>,
    private readonly audit: AuditLog,
    private readonly secrets: SecretBox,
    private readonly lockout: Lockout,
    private readonly failures: AuthFailures,
  ) {}

  /** Throws TOO_MANY_ATTEMPTS while `source` is locked out of `username`, or the account is locked. */
  private async refuseWhileLocked(source: string | null, username: string, user: User | undefined) {
    const accountMs = user
      ? (user.lockedUntil?.getTime() ?? 0) - Date.now()
      : await this.lockout.nameLockMs(username);
    const lockedMs = Math.max(await this.lockout.addressLockMs(source, username), accountMs);
    if (lockedMs <= 0) return;
    emit('identity.sign_in', { outcome: 'locked' });
    await this.failures.record(source, {
      action: 'sign-in',
      actor: user ? `user:${user.id}` : 'anonymous',
      orgId: user?.orgId ?? null,
      target: user ? `user:${user.id}` : null,
      details: { username, reason: 'locked' },
    });
    throw new ObshubError(
      'TOO_MANY_ATTEMPTS',
      `too many failed attempts; try again in ${Math.ceil(lockedMs / 1000)} s or ask an admin to reset the password`,
    );
  }

  private async fail(
    source: string | null,
    username: string,
    user: User | undefined,
    reason: string,
    action: 'sign-in' | 'sign-in.second-factor',
  ) {
    const failed = await this.lockout.failed(source, username, user !== undefined);
    emit('identity.sign_in', { outcome: action === 'sign-in' ? 'failed' : 'totp_failed' });
    if (failed.accountLockMs > 0) emit('identity.lockout', { scope: 'account' });
    await this.failures.record(source, {
      action,
      actor: user ? `user:${user.id}` : 'anonymous',
      orgId: user?.orgId ?? null,
      target: user ? `user:${user.id}` : null,
      details: { username, reason, failures: failed.failures },
    });
    if (failed.accountLockMs > 0) {
      if (user)
        await this.repo.users.update(user.id, { lockedUntil: new Date(Date.now() + failed.accountLockMs) });
      await this.audit.record(user ? `user:${user.id}` : 'anonymous', 'account.locked', 'success', {
        orgId: user?.orgId ?? null,
        target: user ? `user:${user.id}` : null,
        source,
        details: { username, seconds: failed.accountLockMs / 1000, addresses: failed.addresses },
      });
    }
  }

  /** Checks a username and password; throws UNAUTHENTICATED (same message whatever was wrong) or TOO_MANY_ATTEMPTS. */
  async password(username: string, password: string, source: string | null): Promise<PasswordAccepted> {
    // A NUL character would fail the lookup in the database: refused (and recorded) before it.
    const unusable = textProblem(username);
    if (unusable) {
      await this.audit.record('anonymous', 'sign-in', 'failure', {
        source,
        details: { username, reason: `the username ${unusable}` },
      });
      throw new ObshubError('BAD_REQUEST', `the username ${unusable}`);
    }
    const user = account(await this.repo.users.findByUsername(username));
    await this.refuseWhileLocked(source, username, user);
    if (!user) {
      await verifyDecoy(password);
      await this.fail(source, username, undefined, 'unknown user, no password or disabled', 'sign-in');
      throw new ObshubError('UNAUTHENTICATED', REFUSED);
    }
    if (!(await verifyPassword(user.passwordHash!, password))) {
      await this.fail(source, username, user, 'wrong password', 'sign-in');
      throw new ObshubError('UNAUTHENTICATED', REFUSED);
    }
    const org = user.orgId ? await this.repo.organisations.find(user.orgId) : undefined;
    if (user.totpEnabled) {
      emit('identity.sign_in', { outcome: 'totp_required' });
      return { user, next: 'totp' };
    }
    if (org?.require2fa) return { user, next: 'enrol-totp' };
    await this.succeeded(user, source, 'password');
    return { user, next: 'done' };
  }

  /** Checks the second factor of a person whose password was accepted: a TOTP code or a recovery code. */
  async secondFactor(userId: string, code: string, source: string | null): Promise<User> {
    const user = await this.repo.users.find(userId);
    if (!user || !user.totpEnabled || !user.totpSecret || user.disabled) {
      throw new ObshubError('UNAUTHENTICATED', 'no second factor is pending for this account');
    }
    await this.refuseWhileLocked(source, user.username, user);
    const trimmed = code.trim();
    const step = verifyTotp(this.secrets.open(TOTP_PURPOSE, user.totpSecret), trimmed);
    if (step !== null && (user.totpLastStep === null || step > user.totpLastStep)) {
      await this.repo.users.update(user.id, { totpLastStep: step });
      await this.succeeded(user, source, 'totp');
      return user;
    }
    const hashed = hashRecoveryCode(trimmed);
    if (user.recoveryCodes.includes(hashed)) {
      await this.repo.users.update(user.id, {
        recoveryCodes: user.recoveryCodes.filter((c) => c !== hashed),
      });
      await this.audit.record(`user:${user.id}`, 'recovery-code.use', 'success', {
        orgId: user.orgId,
        target: `user:${user.id}`,
        source,
        details: { left: user.recoveryCodes.length - 1 },
      });
      await this.succeeded(user, source, 'recovery-code');
      return user;
    }
    await this.fail(
      source,
      user.username,
      user,
      step === null ? 'wrong code' : 'code already used',
      'sign-in.second-factor',
    );
    throw new ObshubError('UNAUTHENTICATED', 'the code is not valid');
  }

  private async succeeded(user: User, source: string | null, method: string): Promise<void> {
    emit('identity.sign_in', { outcome: 'ok' });
    await this.lockout.succeeded(source, user.username);
    await this.audit.record(`user:${user.id}`, 'sign-in', 'success', {
      orgId: user.orgId,
      target: `user:${user.id}`,
      source,
      details: { method },
    });
  }
}
