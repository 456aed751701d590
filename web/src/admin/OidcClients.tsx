// OAuth 2.0 client-credentials clients of an organisation: register (the secret is shown once), remove.
import { useId, useState, type FormEvent } from 'react';
import { api, ok, type Answer } from '../api/client';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Table } from '../ui/Table';
import { Confirm } from '../ui/Confirm';
import { field } from '../ui/form';
import { Dialog } from '../ui/Dialog';
import { formatTime } from '../ui/format';
import { ShownOnce } from '../ui/ShownOnce';
import { NameAndScopes } from './NameAndScopes';
import { useAction, useLoad } from '../ui/useLoad';

type Client = Answer<'/api/v1/oidc-clients', 'get'>['clients'][number];

export function OidcClients({ orgId }: { orgId?: string }) {
  const id = useId();
  const clients = useLoad(
    () => ok(api.GET('/api/v1/oidc-clients', { params: { query: { orgId } } })),
    [orgId],
  );
  const action = useAction();
  const [created, setCreated] = useState<{ clientId: string; clientSecret: string }>();
  const [removing, setRemoving] = useState<Client>();

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    await action.run(async () => {
      const client = await ok(
        api.POST('/api/v1/oidc-clients', {
          body: {
            name: field(form, 'name'),
            scopes: form.getAll('scope') as ('ingest' | 'read')[],
            ...(orgId ? { orgId } : {}),
          },
        }),
      );
      setCreated({ clientId: client.clientId, clientSecret: client.clientSecret });
      target.reset();
      clients.reload();
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.org.clients}</h2>
      {(clients.error ?? action.error) && <Alert>{clients.error ?? action.error}</Alert>}
      <Table
        rows={clients.data?.clients ?? []}
        rowKey={(c) => c.clientId}
        columns={[
          { header: t.keys.name, cell: (c) => c.name },
          { header: t.org.clientId, cell: (c) => <code>{c.clientId}</code> },
          { header: t.keys.scopes, cell: (c) => c.scopes.join(', ') },
          { header: t.keys.created, cell: (c) => formatTime(c.createdAt) },
          {
            header: t.delete,
            hiddenHeader: true,
            cell: (c) => (
              <button type="button" className="danger" onClick={() => setRemoving(c)}>
                {t.delete}
              </button>
            ),
          },
        ]}
      />
      <form className="inline-form" onSubmit={(e) => void add(e)} aria-label={t.org.addClient}>
        <h3>{t.org.addClient}</h3>
        <NameAndScopes />
        <button type="submit" className="primary" disabled={action.busy}>
          {t.create}
        </button>
      </form>
      {created && (
        <Dialog title={t.org.clientSecret} onClose={() => setCreated(undefined)}>
          <p>{t.org.clientCreatedHelp}</p>
          <p>
            {t.org.clientId}: <code>{created.clientId}</code>
          </p>
          <ShownOnce label={t.org.clientSecret} value={created.clientSecret} />
        </Dialog>
      )}
      {removing && (
        <Confirm
          title={t.delete}
          question={t.org.deleteClient(removing.name)}
          action={t.delete}
          onCancel={() => setRemoving(undefined)}
          onConfirm={() =>
            void action
              .run(() =>
                ok(api.DELETE('/api/v1/oidc-clients/{id}', { params: { path: { id: removing.clientId } } })),
              )
              .then(() => {
                setRemoving(undefined);
                clients.reload();
              })
          }
        />
      )}
    </section>
  );
}
