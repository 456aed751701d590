// Organisations (tenants) and the naming authorities they own.
import type { Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import type { DataPolicy, Organisation, OrganisationRepository } from '../storage/index.js';
import type { AuditLog } from './audit.js';
import type { Authorities } from './authorities.js';
import { permit, permitInOrg } from './permit.js';

export const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export class OrganisationService {
  constructor(
    private readonly repo: OrganisationRepository,
    private readonly audit: AuditLog,
    private readonly authorities: Authorities,
  ) {}

  async create(
    principal: Principal,
    input: { id: string; name: string; require2fa?: boolean },
    source: string | null = null,
  ): Promise<Organisation> {
    permit(principal, 'organisations:manage');
    if (!ORGANISATION_ID.test(input.id)) {
      throw new ObshubError(
        'BAD_REQUEST',
        `organisation id "${input.id}" must be 2–63 lower-case letters, digits or hyphens, starting with a letter or digit`,
      );
    }
    if (await this.repo.find(input.id)) {
      throw new ObshubError('CONFLICT', `organisation "${input.id}" already exists`);
    }
    const org = await this.repo.create({
      id: input.id,
      name: input.name,
      require2fa: input.require2fa ?? false,
    });
    await this.audit.record(principal, 'organisation.create', 'success', {
      orgId: org.id,
      target: `organisation:${org.id}`,
      source,
      details: { name: org.name, require2fa: org.require2fa },
    });
    return org;
  }

  async list(principal: Principal): Promise<Organisation[]> {
    permit(principal, 'organisations:read');
    const all = await this.repo.list();
    return principal.orgId === null ? all : all.filter((o) => o.id === principal.orgId);
  }

  /** Whether the organisation exists (no permission needed: e.g. mapping a trusted issuer's claim). */
  async exists(id: string): Promise<boolean> {
    return (await this.repo.find(id)) !== undefined;
  }

  async get(principal: Principal, id: string): Promise<Organisation> {
    permitInOrg(principal, 'organisations:read', id);
    const org = await this.repo.find(id);
    if (!org) throw new ObshubError('NOT_FOUND', `organisation "${id}" does not exist`);
    return org;
  }

  async update(
    principal: Principal,
    id: string,
    changes: { name?: string; require2fa?: boolean },
    source: string | null = null,
  ): Promise<Organisation> {
    permit(principal, 'organisations:manage');
    if (!(await this.repo.update(id, changes))) {
      throw new ObshubError('NOT_FOUND', `organisation "${id}" does not exist`);
    }
    await this.audit.record(principal, 'organisation.update', 'success', {
      orgId: id,
      target: `organisation:${id}`,
      source,
      details: changes,
    });
    return (await this.repo.find(id))!;
  }

  async delete(principal: Principal, id: string, source: string | null = null): Promise<void> {
    permit(principal, 'organisations:manage');
    if (!(await this.repo.delete(id))) {
      throw new ObshubError('NOT_FOUND', `organisation "${id}" does not exist`);
    }
    this.authorities.changed();
    await this.audit.record(principal, 'organisation.delete', 'success', {
      orgId: id,
      target: `organisation:${id}`,
      source,
    });
  }

  /** Gives a naming authority to an organisation, or changes its data policy. */
  async setAuthority(
    principal: Principal,
    orgId: string,
    authority: string,
    dataPolicy: DataPolicy,
    source: string | null = null,
  ): Promise<Organisation> {
    permit(principal, 'organisations:manage');
    const org = await this.repo.find(orgId);
    if (!org) throw new ObshubError('NOT_FOUND', `organisation "${orgId}" does not exist`);
    if (!authority.trim() || authority.length > 255) {
      throw new ObshubError(
        'BAD_REQUEST',
        'a naming authority is a non-empty string of at most 255 characters',
      );
    }
    if (!(await this.repo.upsertAuthority(orgId, authority, dataPolicy))) {
      throw new ObshubError('CONFLICT', `naming authority "${authority}" belongs to another organisation`);
    }
    this.authorities.changed();
    await this.audit.record(principal, 'authority.set', 'success', {
      orgId,
      target: `authority:${authority}`,
      source,
      details: { dataPolicy },
    });
    return (await this.repo.find(orgId))!;
  }

  async removeAuthority(
    principal: Principal,
    orgId: string,
    authority: string,
    source: string | null = null,
  ): Promise<void> {
    permit(principal, 'organisations:manage');
    if (!(await this.repo.deleteAuthority(orgId, authority))) {
      throw new ObshubError(
        'NOT_FOUND',
        `organisation "${orgId}" does not own naming authority "${authority}"`,
      );
    }
    this.authorities.changed();
    await this.audit.record(principal, 'authority.remove', 'success', {
      orgId,
      target: `authority:${authority}`,
      source,
    });
  }
}
