// Platform admin: organisations (create, rename, require 2FA, naming authorities and their data policy,
// delete), all people, the whole audit log and the system's settings.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ok, type Answer } from '../api/client';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Confirm } from '../ui/Confirm';
import { Table } from '../ui/Table';
import { field } from '../ui/form';
import { useAction, useLoad } from '../ui/useLoad';
import { AuditLog } from './AuditLog';
import { Users } from './Users';

type Organisation = Answer<'/api/v1/organisations', 'get'>['organisations'][number];
type Policy = Organisation['authorities'][number]['dataPolicy'];

function Organisations() {
  const id = useId();
  const orgs = useLoad(() => ok(api.GET('/api/v1/organisations')), []);
  const action = useAction();
  const [deleting, setDeleting] = useState<Organisation>();
  const run = (call: () => Promise<unknown>) => void action.run(call).then(orgs.reload);
  const path = (org: Organisation) => ({ params: { path: { id: org.id } } });

  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    void action
      .run(() =>
        ok(
          api.POST('/api/v1/organisations', {
            body: {
              id: field(form, 'id'),
              name: field(form, 'name'),
              require2fa: form.get('require2fa') === 'on',
            },
          }),
        ),
      )
      .then((done) => {
        if (done) target.reset();
        orgs.reload();
      });
  };

  const setAuthority = (org: Organisation, authority: string, dataPolicy: Policy) =>
    run(() =>
      ok(
        api.PUT('/api/v1/organisations/{id}/authorities/{authority}', {
          params: { path: { id: org.id, authority } },
          body: { dataPolicy },
        }),
      ),
    );

  const authorities = (org: Organisation) => (
    <>
      <ul className="plain">
        {org.authorities.map((a) => (
          <li key={a.authority}>
            {a.authority}{' '}
            <select
              aria-label={`${t.org.dataPolicy}: ${a.authority}`}
              value={a.dataPolicy}
              onChange={(e) => setAuthority(org, a.authority, e.target.value as Policy)}
            >
              <option value="core">core</option>
              <option value="recommended">recommended</option>
            </select>{' '}
            <button
              type="button"
              className="icon"
              aria-label={t.platform.removeAuthority(a.authority)}
              onClick={() =>
                run(() =>
                  ok(
                    api.DELETE('/api/v1/organisations/{id}/authorities/{authority}', {
                      params: { path: { id: org.id, authority: a.authority } },
                    }),
                  ),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const authority = field(new FormData(e.currentTarget), 'authority').trim();
          if (authority) setAuthority(org, authority, 'core');
          e.currentTarget.reset();
        }}
      >
        <input
          name="authority"
          aria-label={`${t.platform.addAuthority}: ${org.name}`}
          placeholder="nl.knmi"
        />
        <button type="submit">{t.platform.addAuthority}</button>
      </form>
    </>
  );

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.platform.organisations}</h2>
      {(orgs.error ?? action.error) && <Alert>{orgs.error ?? action.error}</Alert>}
      <Table
        rows={orgs.data?.organisations ?? []}
        rowKey={(org) => org.id}
        columns={[
          { header: t.platform.id, cell: (org) => <Link href={`/organisation/${org.id}`}>{org.id}</Link> },
          { header: t.platform.name, cell: (org) => org.name },
          {
            header: t.platform.require2fa,
            cell: (org) => (
              <input
                type="checkbox"
                aria-label={`${t.platform.require2fa}: ${org.name}`}
                checked={org.require2fa}
                onChange={(e) =>
                  run(() =>
                    ok(
                      api.PATCH('/api/v1/organisations/{id}', {
                        ...path(org),
                        body: { require2fa: e.target.checked },
                      }),
                    ),
                  )
                }
              />
            ),
          },
          { header: t.platform.authorities, cell: authorities },
          {
            header: t.delete,
            hiddenHeader: true,
            cell: (org) => (
              <button type="button" className="danger" onClick={() => setDeleting(org)}>
                {t.delete}
              </button>
            ),
          },
        ]}
      />
      {deleting && (
        <Confirm
          title={t.delete}
          question={t.platform.deleteOrganisation(deleting.name)}
          action={t.delete}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            setDeleting(undefined);
            run(() => ok(api.DELETE('/api/v1/organisations/{id}', path(deleting))));
          }}
        />
      )}
      <form className="inline-form" onSubmit={create} aria-label={t.platform.addOrganisation}>
        <h3>{t.platform.addOrganisation}</h3>
        <label>
          {t.platform.id}
          <input name="id" required pattern="[a-z0-9][a-z0-9\-]{1,62}" />
        </label>
        <label>
          {t.platform.name}
          <input name="name" required maxLength={200} />
        </label>
        <label className="check">
          <input type="checkbox" name="require2fa" /> {t.platform.require2fa}
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          {t.create}
        </button>
      </form>
    </section>
  );
}

function Settings() {
  const id = useId();
  const system = useLoad(() => ok(api.GET('/api/v1/system')), []);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.platform.settings}</h2>
      {system.error && <Alert>{system.error}</Alert>}
      <Table
        rows={Object.entries(system.data?.config ?? {})}
        rowKey={([key]) => key}
        columns={[
          { header: t.platform.setting, rowHeader: true, cell: ([key]) => key },
          {
            header: t.platform.value,
            cell: ([, value]) => <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>,
          },
        ]}
      />
    </section>
  );
}

export default function PlatformPage() {
  return (
    <div className="page">
      <h1>{t.platform.title}</h1>
      <Organisations />
      <Users title={t.platform.users} />
      <AuditLog />
      <Settings />
    </div>
  );
}
