// The web app's sessions of a person: one per sign-in of a browser (an OIDC grant of the `obshub-web`
// client). oidc-provider keeps the grant and its refresh tokens; beside them we keep a `WebSession` row
// (same table, same grant) with what a person recognises a session by: the browser's user agent and
// address, when it signed in, when it last fetched a token (last seen, to the access token's lifetime).
// Signing a session out deletes its grant, refresh tokens and browser session at the provider; the gateway
// refuses its remaining access tokens (their `grant_id` claim names a grant that is gone).
import type { Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import type { OidcRepository } from '../storage/index.js';
import type { AuditLog } from './audit.js';
import { permit } from './permit.js';

export const WEB_SESSION_MODEL = 'WebSession';
/** A session row lives as long as the longest grant (the provider's Grant and Session TTL). */
export const WEB_SESSION_TTL_SECONDS = 14 * 24 * 3600;

export interface WebSession {
  id: string;
  userAgent: string | null;
  source: string | null;
  signedInAt: string;
  lastSeenAt: string;
  current: boolean;
}

interface Row {
  grantId: string;
  accountId: string;
  userAgent: string | null;
  source: string | null;
  signedInAt: string;
  lastSeenAt: string;
}

export class SessionService {
  constructor(
    private readonly repo: OidcRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Records a token issued to the web app: a sign-in (authorization code) or a refresh. */
  async seen(event: {
    grantId: string;
    accountId: string;
    userAgent: string | null;
    source: string | null;
    signIn: boolean;
    at?: Date;
  }): Promise<void> {
    const at = (event.at ?? new Date()).toISOString();
    const previous = (await this.repo.findPayload(WEB_SESSION_MODEL, event.grantId)) as Row | undefined;
    const row: Row = {
      grantId: event.grantId,
      accountId: event.accountId,
      userAgent: event.signIn || !previous ? event.userAgent : previous.userAgent,
      source: event.source ?? previous?.source ?? null,
      signedInAt: event.signIn || !previous ? at : previous.signedInAt,
      lastSeenAt: at,
    };
    await this.repo.upsertPayload(WEB_SESSION_MODEL, event.grantId, { ...row }, WEB_SESSION_TTL_SECONDS);
  }

  private userOf(principal: Principal): string {
    permit(principal, 'account:manage');
    if (!principal.userId) throw new ObshubError('FORBIDDEN', 'sessions belong to people');
    return principal.userId;
  }

  /** The caller's sessions whose grant is still alive, the most recently seen first. */
  async list(principal: Principal, currentGrant?: string): Promise<WebSession[]> {
    const userId = this.userOf(principal);
    const rows = (await this.repo.findPayloadsOfAccount(WEB_SESSION_MODEL, userId)) as unknown as Row[];
    const alive = await Promise.all(rows.map((r) => this.repo.findPayload('Grant', r.grantId)));
    return rows
      .filter((_r, i) => alive[i] !== undefined)
      .map((r) => ({
        id: r.grantId,
        userAgent: r.userAgent,
        source: r.source,
        signedInAt: r.signedInAt,
        lastSeenAt: r.lastSeenAt,
        current: r.grantId === currentGrant,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  }

  /** Signs one of the caller's sessions out (404 when it is not theirs or is gone). */
  async revoke(principal: Principal, id: string, source: string | null = null): Promise<void> {
    const userId = this.userOf(principal);
    const row = (await this.repo.findPayload(WEB_SESSION_MODEL, id)) as Row | undefined;
    if (!row || row.accountId !== userId) throw new ObshubError('NOT_FOUND', 'no such session');
    await this.end(id);
    await this.audit.record(principal, 'session.revoke', 'success', {
      target: `session:${id}`,
      source,
      details: { userAgent: row.userAgent },
    });
  }

  /** Signs out every session of the caller but `keep` (the one making the request); returns how many. */
  async revokeOthers(principal: Principal, keep: string | undefined, source: string | null = null) {
    const sessions = (await this.list(principal, keep)).filter((s) => !s.current);
    for (const s of sessions) await this.end(s.id);
    if (sessions.length > 0) {
      await this.audit.record(principal, 'session.revoke', 'success', {
        target: `user:${principal.userId}`,
        source,
        details: { sessions: sessions.length, kept: keep ?? null },
      });
    }
    return sessions.length;
  }

  private async end(grantId: string): Promise<void> {
    await this.repo.deleteSessionsOfGrant(grantId);
    // Refresh tokens, codes and the WebSession row carry the grant id; the grant itself is its own row.
    await this.repo.deleteGrant(grantId);
    await this.repo.deletePayload('Grant', grantId);
  }
}
