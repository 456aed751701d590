// API keys: the list (metadata only), creating one (the key is shown once, with a copy button) and
// revoking. On My account it lists the person's own keys; on the organisation page the organisation's.
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

type Key = Answer<'/api/v1/api-keys', 'get'>['apiKeys'][number];

function status(k: Key): string {
  if (k.revokedAt) return t.keys.revoked;
  if (k.expiresAt && Date.parse(k.expiresAt) < Date.now()) return t.keys.expired;
  return t.keys.active;
}

export function ApiKeys({ title, orgId, userId }: { title: string; orgId?: string; userId?: string }) {
  const id = useId();
  const keys = useLoad(() => ok(api.GET('/api/v1/api-keys', { params: { query: { orgId } } })), [orgId]);
  const [created, setCreated] = useState<string>();
  const [confirm, setConfirm] = useState<Key>();
  const action = useAction();
  const shown = (keys.data?.apiKeys ?? []).filter((k) => userId === undefined || k.userId === userId);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const scopes = form.getAll('scope') as ('ingest' | 'read')[];
    const expires = field(form, 'expires');
    const target = e.currentTarget;
    await action.run(async () => {
      const key = await ok(
        api.POST('/api/v1/api-keys', {
          body: {
            name: field(form, 'name'),
            scopes,
            ...(orgId ? { orgId } : {}),
            ...(userId ? { userId } : {}),
            ...(expires ? { expiresAt: new Date(`${expires}T00:00:00Z`).toISOString() } : {}),
          },
        }),
      );
      setCreated(key.key);
      target.reset();
      keys.reload();
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {keys.error && <Alert>{keys.error}</Alert>}
      <Table
        rows={shown}
        rowKey={(k) => k.id}
        columns={[
          {
            header: t.keys.name,
            cell: (k) => (
              <>
                {k.name} <small>obh_{k.id}</small>
              </>
            ),
          },
          { header: t.keys.scopes, cell: (k) => k.scopes.join(', ') },
          { header: t.keys.created, cell: (k) => formatTime(k.createdAt) },
          { header: t.keys.expires, cell: (k) => (k.expiresAt ? formatTime(k.expiresAt) : t.keys.never) },
          { header: t.keys.lastUsed, cell: (k) => (k.lastUsedAt ? formatTime(k.lastUsedAt) : t.keys.never) },
          { header: t.keys.status, cell: status },
          {
            header: t.keys.revoke,
            hiddenHeader: true,
            cell: (k) =>
              !k.revokedAt && (
                <button type="button" onClick={() => setConfirm(k)}>
                  {t.keys.revoke}
                </button>
              ),
          },
        ]}
      />
      <form className="inline-form" onSubmit={(e) => void create(e)} aria-label={t.keys.create}>
        <h3>{t.keys.create}</h3>
        <NameAndScopes />
        <label>
          {t.keys.expiresAt}
          <input name="expires" type="date" />
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          {t.create}
        </button>
        {action.error && <Alert>{action.error}</Alert>}
      </form>
      {created && (
        <Dialog title={t.keys.createdTitle} onClose={() => setCreated(undefined)}>
          <p>{t.keys.createdHelp}</p>
          <ShownOnce label={t.keys.createdTitle} value={created} />
          <button type="button" className="primary" onClick={() => setCreated(undefined)}>
            {t.close}
          </button>
        </Dialog>
      )}
      {confirm && (
        <Confirm
          title={t.keys.revoke}
          question={t.keys.revokeConfirm(confirm.name)}
          action={t.keys.revoke}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() =>
            void action
              .run(() => ok(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: confirm.id } } })))
              .then(() => {
                setConfirm(undefined);
                keys.reload();
              })
          }
        />
      )}
    </section>
  );
}
