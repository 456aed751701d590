// My account: profile, password, two-factor authentication (enrolment with a QR code, recovery codes shown
// once, turning it off), my API keys, and my sessions (signing one or all others out).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { toDataURL } from 'qrcode';
import { api, ok, type Answer } from '../api/client';
import { useSession } from '../auth/session';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { field } from '../ui/form';
import { Dialog } from '../ui/Dialog';
import { useAction } from '../ui/useLoad';
import { ApiKeys } from './ApiKeys';
import { Sessions } from './Sessions';

type Enrolment = Answer<'/api/v1/me/totp', 'post'>;

function PasswordForm() {
  const action = useAction();
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    setDone(false);
    const changed = await action.run(() =>
      ok(
        api.PUT('/api/v1/me/password', {
          body: {
            currentPassword: field(form, 'currentPassword'),
            newPassword: field(form, 'newPassword'),
          },
        }),
      ),
    );
    if (changed) {
      target.reset();
      setDone(true);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t.account.changePassword}>
      <h2>{t.account.password}</h2>
      <label>
        {t.account.currentPassword}
        <input name="currentPassword" type="password" required autoComplete="current-password" />
      </label>
      <label>
        {t.account.newPassword}
        <input name="newPassword" type="password" required minLength={12} autoComplete="new-password" />
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        {t.account.changePassword}
      </button>
      {action.error && <Alert>{action.error}</Alert>}
      {done && <Alert kind="info">{t.account.passwordChanged}</Alert>}
    </form>
  );
}

function TwoFactor({ enabled, onChange }: { enabled: boolean; onChange: () => void }) {
  const id = useId();
  const action = useAction();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [qr, setQr] = useState<string>();
  const [codes, setCodes] = useState<string[]>();
  useEffect(() => {
    if (enrolment) void toDataURL(enrolment.uri, { margin: 1, width: 220 }).then(setQr);
  }, [enrolment]);

  const code = (e: FormEvent<HTMLFormElement>) => field(new FormData(e.currentTarget), 'code').trim();

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.account.twoFactor}</h2>
      <p>{enabled ? t.account.twoFactorOn : t.account.twoFactorOff}</p>
      {action.error && <Alert>{action.error}</Alert>}
      {!enabled && !enrolment && (
        <button
          type="button"
          className="primary"
          onClick={() => void action.run(async () => setEnrolment(await ok(api.POST('/api/v1/me/totp'))))}
        >
          {t.account.enrol}
        </button>
      )}
      {!enabled && enrolment && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const value = code(e);
            void action.run(async () => {
              const answer = await ok(api.POST('/api/v1/me/totp/confirm', { body: { code: value } }));
              setEnrolment(undefined);
              setCodes(answer.recoveryCodes);
            });
          }}
        >
          <p>{t.account.enrolHelp}</p>
          {qr && <img src={qr} alt={t.account.qrAlt} width="220" height="220" className="qr" />}
          <p>
            {t.account.key}: <code className="secret">{enrolment.secret}</code>
          </p>
          <label>
            {t.account.code}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              pattern="[0-9 ]{6,8}"
            />
          </label>
          <button type="submit" className="primary" disabled={action.busy}>
            {t.account.confirm}
          </button>
        </form>
      )}
      {enabled && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const value = code(e);
            void action
              .run(() => ok(api.DELETE('/api/v1/me/totp', { body: { code: value } })))
              .then((done) => done && onChange());
          }}
        >
          <p>{t.account.disableHelp}</p>
          <label>
            {t.account.code}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required />
          </label>
          <button type="submit" className="danger" disabled={action.busy}>
            {t.account.disable}
          </button>
        </form>
      )}
      {codes && (
        <Dialog
          title={t.account.recoveryTitle}
          onClose={() => {
            setCodes(undefined);
            onChange();
          }}
        >
          <p>{t.account.recoveryHelp}</p>
          <ul className="codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCodes(undefined);
              onChange();
            }}
          >
            {t.account.recoveryDone}
          </button>
        </Dialog>
      )}
    </section>
  );
}

export default function AccountPage() {
  const { me, reload, signOut } = useSession();
  if (!me) return null;
  return (
    <div className="page">
      <h1>{t.account.title}</h1>
      <section aria-label={t.account.profile}>
        <dl className="meta">
          <dt>{t.account.username}</dt>
          <dd>{me.username}</dd>
          <dt>{t.account.displayName}</dt>
          <dd>{me.displayName ?? '–'}</dd>
          <dt>{t.account.role}</dt>
          <dd>{t.roles[me.role]}</dd>
          <dt>{t.account.organisation}</dt>
          <dd>{me.orgId ?? '–'}</dd>
        </dl>
      </section>
      <PasswordForm />
      <TwoFactor enabled={me.totpEnabled} onChange={reload} />
      {me.orgId && <ApiKeys title={t.account.apiKeys} userId={me.id} />}
      <Sessions onSignOut={signOut} />
    </div>
  );
}
