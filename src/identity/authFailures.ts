// Failed authentications per address (unknown, revoked or expired API keys, bad tokens, wrong passwords
// and codes, refused OIDC grants): counted in the shared counters and refused beyond AUTH_FAILURE_LIMIT
// before any database work. The audit log gets one event per address and window, not one per failure:
// the first failure of a window is recorded as it happens, with its details; the others are summed and
// recorded as one `auth.failures` event with their count when the window is over (or the hub stops).
import { formatDurationSeconds } from '../core/duration.js';
import { addressKey, type CounterStore, type Rate } from '../core/limits.js';
import type { AuditAction, AuditLog } from './audit.js';

export interface AuthFailure {
  action: AuditAction;
  /** Who the failure claimed to be, when known (`user:<id>`); default `anonymous`. */
  actor?: string;
  orgId?: string | null;
  target?: string | null;
  details: Record<string, unknown>;
}

/** What one address did since the last summary, beyond the first failure of its window. */
interface Tally {
  source: string | null;
  since: Date;
  failures: number;
  /** Requests answered 429 because the address was over the limit. */
  refused: number;
  actions: Record<string, number>;
  /** Failures per target (`key:<id>`, `user:<id>`, `client:<id>`), for the first MAX_TARGETS targets. */
  targets: Record<string, number>;
}

/** Addresses tallied at most at once; beyond, they are summed under one `source: null` tally. */
const MAX_TALLIES = 10_000;
const MAX_TARGETS = 20;

export class AuthFailures {
  private readonly tallies = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly counters: CounterStore,
    private readonly audit: AuditLog,
    private readonly limit: Rate,
  ) {
    this.timer = setInterval(() => void this.flush(), limit.windowMs).unref();
  }

  /** Seconds until `source` may authenticate again (0: now); a refusal is counted in its summary. */
  async retryAfter(source: string): Promise<number> {
    const { count, resetMs } = await this.counters.peek(this.key(source));
    if (count < this.limit.max) return 0;
    this.tally(source).refused++;
    return Math.max(1, Math.ceil(resetMs / 1000));
  }

  /** Counts a failed authentication of `source`; audits it now when it is the first of its window. */
  async record(source: string | null, failure: AuthFailure): Promise<void> {
    const { count } = await this.counters.hit(this.key(source), this.limit.windowMs);
    if (count === 1) {
      await this.audit.record(failure.actor ?? 'anonymous', failure.action, 'failure', {
        orgId: failure.orgId ?? null,
        target: failure.target ?? null,
        source,
        details: failure.details,
      });
      return;
    }
    const tally = this.tally(source);
    tally.failures++;
    tally.actions[failure.action] = (tally.actions[failure.action] ?? 0) + 1;
    const { target } = failure;
    if (target && (target in tally.targets || Object.keys(tally.targets).length < MAX_TARGETS)) {
      tally.targets[target] = (tally.targets[target] ?? 0) + 1;
    }
  }

  /** Records the summaries of the failures not recorded one by one, and starts new ones. */
  async flush(): Promise<void> {
    const tallies = [...this.tallies.values()];
    this.tallies.clear();
    const until = new Date();
    for (const t of tallies) {
      await this.audit.record('anonymous', 'auth.failures', 'failure', {
        source: t.source,
        details: {
          failures: t.failures,
          refused: t.refused,
          actions: t.actions,
          targets: t.targets,
          since: t.since.toISOString(),
          until: until.toISOString(),
          window: formatDurationSeconds(this.limit.windowMs / 1000),
        },
      });
    }
  }

  /** Stops the summaries' timer and records what is pending. */
  close(): Promise<void> {
    clearInterval(this.timer);
    return this.flush();
  }

  private key(source: string | null): string {
    return `auth-failures:${source === null ? '-' : addressKey(source)}`;
  }

  private tally(source: string | null): Tally {
    const own = source === null ? '' : addressKey(source);
    const key = this.tallies.has(own) || this.tallies.size < MAX_TALLIES ? own : '';
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = {
        source: key ? source : null,
        since: new Date(),
        failures: 0,
        refused: 0,
        actions: {},
        targets: {},
      };
      this.tallies.set(key, tally);
    }
    return tally;
  }
}
