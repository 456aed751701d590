// Sign-in lockout that one address cannot turn against someone else. Failures are counted per address
// and account name: SIGN_IN_LOCKOUT_FAILURES of them lock that address out of that account only. The
// account locks for everyone only when SIGN_IN_LOCKOUT_ADDRESSES different addresses failed on it. Names
// of no account are counted exactly like the names of accounts, so the answers never tell them apart.
import { addressKey, type CounterStore } from '../core/limits.js';

/** Failures count for an hour (from the first failure of the address on the account). */
const FAILURE_WINDOW_MS = 3_600_000;
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 3_600_000;

/** How long a lock lasts when the threshold was reached `beyond` times over: 30 s doubling, up to an hour. */
export function lockDurationMs(beyond: number): number {
  return Math.min(LOCK_BASE_MS * 2 ** Math.max(0, beyond), LOCK_MAX_MS);
}

export interface LockoutSettings {
  /** Failures from one address on one account that lock that address out of it. */
  failures: number;
  /** Different failing addresses that lock the account for everyone. */
  addresses: number;
}

/** What a failure changed. */
export interface Failed {
  /** This address's failures on this account within the hour. */
  failures: number;
  /** The address is locked out of the account for this long now (0: not). */
  addressLockMs: number;
  /** The account is locked for everyone for this long now (0: not). */
  accountLockMs: number;
  /** Different addresses that failed on the account within the hour (counted at their first failure). */
  addresses: number;
}

export class Lockout {
  constructor(
    private readonly counters: CounterStore,
    private readonly settings: LockoutSettings,
  ) {}

  /** How long `source` must still wait before trying `username` again (0: it may try). */
  async addressLockMs(source: string | null, username: string): Promise<number> {
    return this.remaining(`sign-in:lock:${pair(source, username)}`);
  }

  /**
   * How long a name of no account stays locked for everyone. (An account's lock is its `lockedUntil`,
   * which an admin's password reset lifts.)
   */
  async nameLockMs(username: string): Promise<number> {
    return this.remaining(`sign-in:lock:${name(username)}`);
  }

  /** Counts a failure of `source` on `username`, and locks what the thresholds say. */
  async failed(source: string | null, username: string, isAccount: boolean): Promise<Failed> {
    const { failures, addresses: threshold } = this.settings;
    const mine = await this.counters.hit(`sign-in:failures:${pair(source, username)}`, FAILURE_WINDOW_MS);
    let addressLockMs = 0;
    if (mine.count >= failures) {
      addressLockMs = lockDurationMs(mine.count - failures);
      await this.counters.hit(`sign-in:lock:${pair(source, username)}`, addressLockMs);
    }
    let addresses = 0;
    let accountLockMs = 0;
    if (mine.count === 1) {
      addresses = (await this.counters.hit(`sign-in:addresses:${name(username)}`, FAILURE_WINDOW_MS)).count;
      if (addresses >= threshold) {
        accountLockMs = lockDurationMs(addresses - threshold);
        if (!isAccount) await this.counters.hit(`sign-in:lock:${name(username)}`, accountLockMs);
      }
    }
    return { failures: mine.count, addressLockMs, accountLockMs, addresses };
  }

  /** A success from `source` forgets its failures on `username`. */
  async succeeded(source: string | null, username: string): Promise<void> {
    await this.counters.reset(`sign-in:failures:${pair(source, username)}`);
  }

  private async remaining(key: string): Promise<number> {
    const { count, resetMs } = await this.counters.peek(key);
    return count > 0 ? resetMs : 0;
  }
}

function name(username: string): string {
  return username.toLowerCase();
}

function pair(source: string | null, username: string): string {
  return `${source === null ? '-' : addressKey(source)}:${name(username)}`;
}
