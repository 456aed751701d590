// Organisation admin: the organisation's people and roles, API keys, naming authorities and their data
// policy, OIDC clients and audit log. Org admins see their own organisation only; another one's id answers
// "not found" from the API, and nothing of it is shown.
import { api, ok } from '../api/client';
import { useSession } from '../auth/session';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Table } from '../ui/Table';
import { useLoad } from '../ui/useLoad';
import { ApiKeys } from './ApiKeys';
import { AuditLog } from './AuditLog';
import { OidcClients } from './OidcClients';
import { Users } from './Users';

export default function OrganisationPage({ id }: { id?: string }) {
  const { me } = useSession();
  const orgId = id ?? me?.orgId ?? undefined;
  const org = useLoad(
    () =>
      orgId
        ? ok(api.GET('/api/v1/organisations/{id}', { params: { path: { id: orgId } } }))
        : Promise.resolve(undefined),
    [orgId],
  );
  if (!orgId) {
    return (
      <div className="page">
        <h1>{t.org.title}</h1>
        <Alert kind="info">{t.org.notMember}</Alert>
      </div>
    );
  }
  if (org.error) {
    return (
      <div className="page">
        <h1>{t.org.title}</h1>
        <Alert>{org.error}</Alert>
      </div>
    );
  }
  if (!org.data) return <p className="page">{t.loading}</p>;
  const platformWide = me?.role === 'platform-admin';
  const scope = platformWide ? orgId : undefined;
  return (
    <div className="page">
      <h1>
        {t.org.title}: {org.data.name}
      </h1>
      <section aria-label={t.org.authorities}>
        <h2>{t.org.authorities}</h2>
        <Table
          rows={org.data.authorities}
          rowKey={(a) => a.authority}
          columns={[
            { header: t.org.authority, cell: (a) => a.authority },
            { header: t.org.dataPolicy, cell: (a) => a.dataPolicy },
          ]}
        />
      </section>
      <Users title={t.org.users} orgId={scope} />
      <ApiKeys title={t.keys.title} orgId={scope} />
      <OidcClients orgId={scope} />
      <AuditLog orgId={scope} />
    </div>
  );
}
