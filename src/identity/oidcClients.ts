// OIDC clients of organisations: machine identities that obtain access tokens with the client-credentials
// grant and act with the role `service` of their organisation. The secret is shown once and stored sealed
// (the provider compares it with what the client presents). Org admins manage their own organisation's.
import { randomBytes } from 'node:crypto';
import type { Static } from 'typebox';
import { credentialScopes, isPlatformWide, type CredentialScope, type Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import type { SecretBox } from '../core/secretBox.js';
import type { OidcClient, Repositories } from '../storage/index.js';
import type { OidcClientBody } from './api/oidcClientSchemas.js';
import type { AuditLog } from './audit.js';
import { CLIENT_SECRET_PURPOSE } from './oidc/adapter.js';
import { permit, permitInOrg } from './permit.js';

/** An OIDC client as the admin API shows it (the API's schema; never its secret). */
export type PublicOidcClient = Static<typeof OidcClientBody>;

export function publicOidcClient(client: OidcClient): PublicOidcClient {
  return {
    clientId: client.id,
    orgId: client.orgId,
    name: client.name,
    scopes: client.scopes,
    createdBy: client.createdBy,
    createdAt: client.createdAt.toISOString(),
  };
}

export interface NewOidcClient {
  name: string;
  /** Default: the caller's organisation. */
  orgId?: string;
  /** Default: ingest and read. */
  scopes?: CredentialScope[];
}

export class OidcClientService {
  constructor(
    private readonly storage: Pick<Repositories, 'oidc' | 'organisations'>,
    private readonly audit: AuditLog,
    private readonly secrets: SecretBox,
  ) {}

  async create(
    principal: Principal,
    input: NewOidcClient,
    source: string | null = null,
  ): Promise<{ client: OidcClient; clientSecret: string }> {
    permit(principal, 'oidc-clients:manage');
    const orgId = input.orgId ?? principal.orgId;
    if (!orgId) throw new ObshubError('BAD_REQUEST', 'an OIDC client belongs to an organisation: give orgId');
    permitInOrg(principal, 'oidc-clients:manage', orgId);
    const scopes = [...new Set(input.scopes ?? credentialScopes)];
    if (scopes.length === 0 || scopes.some((s) => !credentialScopes.includes(s))) {
      throw new ObshubError(
        'BAD_REQUEST',
        `scopes must be a non-empty list of ${credentialScopes.join(', ')}`,
      );
    }
    if (!input.name.trim() || input.name.length > 200) {
      throw new ObshubError('BAD_REQUEST', 'name must be 1–200 characters');
    }
    if (!(await this.storage.organisations.find(orgId))) {
      throw new ObshubError('NOT_FOUND', `organisation "${orgId}" does not exist`);
    }
    const clientSecret = randomBytes(32).toString('base64url');
    const client = await this.storage.oidc.createClient({
      id: `obc_${randomBytes(12).toString('base64url')}`,
      orgId,
      name: input.name,
      sealedSecret: this.secrets.seal(CLIENT_SECRET_PURPOSE, clientSecret),
      scopes,
      createdBy: principal.actor,
    });
    await this.audit.record(principal, 'oidc-client.create', 'success', {
      orgId,
      target: `client:${client.id}`,
      source,
      details: { name: client.name, scopes },
    });
    return { client, clientSecret };
  }

  async list(principal: Principal, filter: { orgId?: string } = {}): Promise<OidcClient[]> {
    permit(principal, 'oidc-clients:manage');
    if (isPlatformWide(principal)) return this.storage.oidc.listClients(filter.orgId);
    return this.storage.oidc.listClients(principal.orgId ?? '');
  }

  async delete(principal: Principal, id: string, source: string | null = null): Promise<void> {
    permit(principal, 'oidc-clients:manage');
    const client = await this.storage.oidc.findClient(id);
    // Another organisation's client is "not found": its existence is not disclosed.
    if (!client || (!isPlatformWide(principal) && client.orgId !== principal.orgId)) {
      throw new ObshubError('NOT_FOUND', `OIDC client "${id}" does not exist`);
    }
    await this.storage.oidc.deleteClient(id);
    await this.audit.record(principal, 'oidc-client.delete', 'success', {
      orgId: client.orgId,
      target: `client:${id}`,
      source,
      details: { name: client.name },
    });
  }
}
