// Who owns which naming authority, and which are `recommended`: asked by every ingest (may this caller
// write these authorities?) and every query (which series may this caller see?). Kept in memory and
// re-read after a few seconds, so that changes made by other processes arrive without a query per request.
import { can, isPlatformWide, type Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import type { DataPolicy, OrganisationRepository } from '../storage/index.js';
import type { AuditLog } from './audit.js';

const REFRESH_MS = 5_000;

interface Owner {
  orgId: string;
  dataPolicy: DataPolicy;
}

export class Authorities {
  private owners: Promise<Map<string, Owner>> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly repo: OrganisationRepository,
    private readonly audit: AuditLog,
    /** ANONYMOUS_INGEST: callers without credentials may write any naming authority. */
    private readonly anonymousIngest = false,
  ) {}

  /** Forget what is cached (this process changed an authority or an organisation). */
  changed(): void {
    this.owners = undefined;
  }

  private load(): Promise<Map<string, Owner>> {
    if (!this.owners || Date.now() - this.loadedAt > REFRESH_MS) {
      this.loadedAt = Date.now();
      const loading = this.repo
        .listAuthorities()
        .then(
          (rows) => new Map(rows.map((r) => [r.authority, { orgId: r.orgId, dataPolicy: r.dataPolicy }])),
        );
      loading.catch(() => {
        if (this.owners === loading) this.owners = undefined;
      });
      this.owners = loading;
    }
    return this.owners;
  }

  /** The organisation owning each naming authority. */
  async organisationsOf(): Promise<Map<string, string>> {
    return new Map([...(await this.load())].map(([authority, owner]) => [authority, owner.orgId]));
  }

  /** The naming authorities `orgId` owns (none without an organisation). */
  async ownedBy(orgId: string | null): Promise<string[]> {
    if (!orgId) return [];
    return [...(await this.load())].filter(([, owner]) => owner.orgId === orgId).map(([name]) => name);
  }

  /**
   * Throws 401/403 unless `principal` may ingest and its organisation owns every authority in `names`
   * (or, with ANONYMOUS_INGEST, `principal` is anonymous). A refusal is recorded in the audit log.
   */
  async permitIngest(principal: Principal, names: ReadonlySet<string>, source: string | null): Promise<void> {
    // Anonymous callers (no credentials) may ingest only when the operator allowed it; callers with
    // credentials are always held to their organisation's naming authorities.
    if (principal.role === null && this.anonymousIngest) return;
    const owners = await this.load();
    const foreign = [...names].filter(
      (name) => owners.get(name)?.orgId !== principal.orgId || !principal.orgId,
    );
    if (can(principal, 'observations:ingest') && foreign.length === 0) return;
    const detail = !principal.role
      ? 'ingest needs an API key or token with the ingest scope (Authorization: Bearer … or X-API-Key)'
      : !can(principal, 'observations:ingest')
        ? 'these credentials lack the ingest scope'
        : `organisation "${principal.orgId}" does not own the naming authority ${foreign
            .map((n) => `"${n}"`)
            .join(', ')}; nothing was stored`;
    await this.audit.record(principal, 'ingest.rejected', 'failure', {
      source,
      details: { reason: detail, namingAuthorities: [...names] },
    });
    throw new ObshubError(principal.role ? 'FORBIDDEN' : 'UNAUTHENTICATED', detail);
  }

  /** The `recommended` authorities `principal` may not see (empty for its own and for platform-wide roles). */
  async hiddenFrom(principal: Principal): Promise<string[]> {
    const owners = await this.load();
    const entitled = can(principal, 'observations:read');
    const hidden: string[] = [];
    for (const [name, owner] of owners) {
      if (owner.dataPolicy !== 'recommended') continue;
      if (entitled && (isPlatformWide(principal) || owner.orgId === principal.orgId)) continue;
      hidden.push(name);
    }
    return hidden;
  }
}
