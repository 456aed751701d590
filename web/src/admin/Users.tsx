// People of an organisation (or all of them, for platform admins): add, change role, disable, set a new
// password, turn off a lost second factor, delete.
import { useId, useState, type FormEvent } from 'react';
import { api, ok, type Answer } from '../api/client';
import { useSession } from '../auth/session';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Table } from '../ui/Table';
import { Confirm } from '../ui/Confirm';
import { field } from '../ui/form';
import { Dialog } from '../ui/Dialog';
import { useAction, useLoad } from '../ui/useLoad';

type User = Answer<'/api/v1/users', 'get'>['users'][number];
type Role = User['role'];

const ORG_ROLES: Role[] = ['org-admin', 'org-user'];
const ALL_ROLES: Role[] = ['platform-admin', 'maintainer', 'org-admin', 'org-user'];

export function Users({ orgId, title }: { orgId?: string; title: string }) {
  const id = useId();
  const { me } = useSession();
  const users = useLoad(() => ok(api.GET('/api/v1/users', { params: { query: { orgId } } })), [orgId]);
  const action = useAction();
  const [passwordFor, setPasswordFor] = useState<User>();
  const [deleting, setDeleting] = useState<User>();
  const roles = me?.role === 'platform-admin' ? ALL_ROLES : ORG_ROLES;
  const showOrg = !orgId && me?.role === 'platform-admin';

  const change = (u: User, body: { role?: Role; disabled?: boolean }) =>
    void action
      .run(() => ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body })))
      .then(users.reload);

  const actions = (u: User) => {
    const self = u.id === me?.id;
    return (
      <div className="actions">
        <button type="button" disabled={self} onClick={() => change(u, { disabled: !u.disabled })}>
          {u.disabled ? t.org.enable : t.org.disable}
        </button>
        <button type="button" onClick={() => setPasswordFor(u)}>
          {t.org.resetPassword}
        </button>
        {u.totpEnabled && !self && (
          <button
            type="button"
            onClick={() =>
              void action
                .run(() => ok(api.DELETE('/api/v1/users/{id}/totp', { params: { path: { id: u.id } } })))
                .then(users.reload)
            }
          >
            {t.org.resetTotp}
          </button>
        )}
        <button type="button" className="danger" disabled={self} onClick={() => setDeleting(u)}>
          {t.delete}
        </button>
      </div>
    );
  };

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    const created = await action.run(() =>
      ok(
        api.POST('/api/v1/users', {
          body: {
            username: field(form, 'username'),
            displayName: field(form, 'displayName') || null,
            role: form.get('role') as Role,
            password: field(form, 'password'),
            ...(orgId ? { orgId } : {}),
          },
        }),
      ),
    );
    if (created) {
      target.reset();
      users.reload();
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {(users.error ?? action.error) && <Alert>{users.error ?? action.error}</Alert>}
      <Table
        rows={users.data?.users ?? []}
        rowKey={(u) => u.id}
        columns={[
          {
            header: t.org.username,
            cell: (u) => (
              <>
                {u.username} {u.locked && <small>({t.org.locked})</small>}
              </>
            ),
          },
          { header: t.org.displayName, cell: (u) => u.displayName ?? '' },
          ...(showOrg ? [{ header: t.org.title, cell: (u: User) => u.orgId ?? '' }] : []),
          {
            header: t.org.role,
            cell: (u) => (
              <select
                aria-label={t.org.changeRole(u.username)}
                value={u.role}
                disabled={u.id === me?.id || !roles.includes(u.role)}
                onChange={(e) => change(u, { role: e.target.value as Role })}
              >
                {(roles.includes(u.role) ? roles : [u.role]).map((r) => (
                  <option key={r} value={r}>
                    {t.roles[r]}
                  </option>
                ))}
              </select>
            ),
          },
          { header: t.org.twoFactor, cell: (u) => (u.totpEnabled ? t.yes : t.no) },
          { header: t.org.disabled, cell: (u) => (u.disabled ? t.yes : t.no) },
          { header: t.org.resetPassword, hiddenHeader: true, cell: actions },
        ]}
      />
      <form className="inline-form" onSubmit={(e) => void add(e)} aria-label={t.org.addUser}>
        <h3>{t.org.addUser}</h3>
        <label>
          {t.org.username}
          <input name="username" required minLength={3} maxLength={254} autoComplete="off" />
        </label>
        <label>
          {t.org.displayName}
          <input name="displayName" maxLength={200} />
        </label>
        <label>
          {t.org.role}
          <select name="role" defaultValue="org-user">
            {roles.map((r) => (
              <option key={r} value={r}>
                {t.roles[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.org.password}
          <input name="password" type="password" required minLength={12} autoComplete="new-password" />
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          {t.create}
        </button>
      </form>
      {passwordFor && (
        <Dialog
          title={t.org.resetPasswordFor(passwordFor.username)}
          onClose={() => setPasswordFor(undefined)}
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const password = field(new FormData(e.currentTarget), 'password');
              void action
                .run(() =>
                  ok(
                    api.POST('/api/v1/users/{id}/password', {
                      params: { path: { id: passwordFor.id } },
                      body: { password },
                    }),
                  ),
                )
                .then((done) => done && setPasswordFor(undefined));
            }}
          >
            <label>
              {t.account.newPassword}
              <input name="password" type="password" required minLength={12} autoComplete="new-password" />
            </label>
            <button type="submit" className="primary">
              {t.save}
            </button>
            {action.error && <Alert>{action.error}</Alert>}
          </form>
        </Dialog>
      )}
      {deleting && (
        <Confirm
          title={t.delete}
          question={t.org.deleteUser(deleting.username)}
          action={t.delete}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() =>
            void action
              .run(() => ok(api.DELETE('/api/v1/users/{id}', { params: { path: { id: deleting.id } } })))
              .then(() => {
                setDeleting(undefined);
                users.reload();
              })
          }
        />
      )}
    </section>
  );
}
