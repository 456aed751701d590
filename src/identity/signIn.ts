// Password sign-in with lockout and back-off, then the second factor (TOTP or a one-time recovery code).
// Used by the OIDC provider's login pages and by anything else that signs people in.
import { ObshubError } from '../core/errors.js';
import type { SecretBox } from '../core/secretBox.js';
import { textProblem } from '../core/text.js';
import type { IdentityRepository, User } from '../storage/index.js';
import type { AuditLog } from './audit.js';
import { verifyDecoy, verifyPassword } from './passwords.js';
import { hashRecoveryCode, verifyTotp } from './totp.js';
import { TOTP_PURPOSE } from './users.js';

/** Failures allowed before the account locks; each further failure doubles the lock, up to an hour. */
export const LOCKOUT_THRESHOLD = 5;
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 3_600_000;

export function lockDurationMs(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  return Math.min(LOCK_BASE_MS * 2 ** (failures - LOCKOUT_THRESHOLD), LOCK_MAX_MS);
}

export interface PasswordAccepted {
  user: User;
  /** What must happen before the person is signed in. */
  next: 'done' | 'totp' | 'enrol-totp';
}

const REFUSED = 'the username or password is wrong';

export class SignInService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditLog,
    private readonly secrets: SecretBox,
  ) {}

  private refuseWhileLocked(user: User, source: string | null): Promise<never> | undefined {
    const lockedMs = user.lockedUntil ? user.lockedUntil.getTime() - Date.now() : 0;
    if (lockedMs <= 0) return undefined;
    return this.audit
      .record(`user:${user.id}`, 'sign-in', 'failure', {
        orgId: user.orgId,
        target: `user:${user.id}`,
        source,
        details: { reason: 'locked' },
      })
      .then(() => {
        throw new ObshubError(
          'TOO_MANY_ATTEMPTS',
          `too many failed attempts; try again in ${Math.ceil(lockedMs / 1000)} s or ask an admin to reset the password`,
        );
      });
  }

  private async fail(
    user: User,
    source: string | null,
    reason: string,
    action: 'sign-in' | 'sign-in.second-factor',
  ) {
    const failures = await this.repo.recordFailedLogin(user.id);
    const lockMs = lockDurationMs(failures);
    await this.audit.record(`user:${user.id}`, action, 'failure', {
      orgId: user.orgId,
      target: `user:${user.id}`,
      source,
      details: { reason, failures },
    });
    if (lockMs > 0) {
      await this.repo.updateUser(user.id, { lockedUntil: new Date(Date.now() + lockMs) });
      await this.audit.record(`user:${user.id}`, 'account.locked', 'success', {
        orgId: user.orgId,
        target: `user:${user.id}`,
        source,
        details: { seconds: lockMs / 1000, failures },
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
    const user = await this.repo.findUserByUsername(username);
    if (!user || !user.passwordHash || user.disabled) {
      await verifyDecoy(password);
      await this.audit.record('anonymous', 'sign-in', 'failure', {
        orgId: user?.orgId ?? null,
        target: user ? `user:${user.id}` : null,
        source,
        details: { username, reason: user?.disabled ? 'disabled' : 'unknown user or no password' },
      });
      throw new ObshubError('UNAUTHENTICATED', REFUSED);
    }
    await this.refuseWhileLocked(user, source);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.fail(user, source, 'wrong password', 'sign-in');
      throw new ObshubError('UNAUTHENTICATED', REFUSED);
    }
    const org = user.orgId ? await this.repo.findOrganisation(user.orgId) : undefined;
    if (user.totpEnabled) return { user, next: 'totp' };
    if (org?.require2fa) return { user, next: 'enrol-totp' };
    await this.succeeded(user, source, 'password');
    return { user, next: 'done' };
  }

  /** Checks the second factor of a person whose password was accepted: a TOTP code or a recovery code. */
  async secondFactor(userId: string, code: string, source: string | null): Promise<User> {
    const user = await this.repo.findUser(userId);
    if (!user || !user.totpEnabled || !user.totpSecret || user.disabled) {
      throw new ObshubError('UNAUTHENTICATED', 'no second factor is pending for this account');
    }
    await this.refuseWhileLocked(user, source);
    const trimmed = code.trim();
    const step = verifyTotp(this.secrets.open(TOTP_PURPOSE, user.totpSecret), trimmed);
    if (step !== null && (user.totpLastStep === null || step > user.totpLastStep)) {
      await this.repo.updateUser(user.id, { totpLastStep: step });
      await this.succeeded(user, source, 'totp');
      return user;
    }
    const hashed = hashRecoveryCode(trimmed);
    if (user.recoveryCodes.includes(hashed)) {
      await this.repo.updateUser(user.id, { recoveryCodes: user.recoveryCodes.filter((c) => c !== hashed) });
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
      user,
      source,
      step === null ? 'wrong code' : 'code already used',
      'sign-in.second-factor',
    );
    throw new ObshubError('UNAUTHENTICATED', 'the code is not valid');
  }

  private async succeeded(user: User, source: string | null, method: string): Promise<void> {
    if (user.failedLogins > 0 || user.lockedUntil) {
      await this.repo.updateUser(user.id, { failedLogins: 0, lockedUntil: null });
    }
    await this.audit.record(`user:${user.id}`, 'sign-in', 'success', {
      orgId: user.orgId,
      target: `user:${user.id}`,
      source,
      details: { method },
    });
  }
}
