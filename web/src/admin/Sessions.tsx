// My sessions: each browser signed in to the web app (its device, when it signed in, when it was last
// seen), signing one out, or every other one. Signing this one out is the header's "Sign out".
import { useId, useState } from 'react';
import { api, ok, type Answer } from '../api/client';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Confirm } from '../ui/Confirm';
import { formatTime } from '../ui/format';
import { Table } from '../ui/Table';
import { useAction, useLoad } from '../ui/useLoad';

type Session = Answer<'/api/v1/me/sessions', 'get'>['sessions'][number];

/** "Chrome on Linux" from a User-Agent header (the browser and system a person recognises). */
export function deviceOf(userAgent: string | null): string {
  if (!userAgent) return t.sessions.unknownDevice;
  const browser =
    [
      [/Edg\//, 'Edge'],
      [/OPR\//, 'Opera'],
      [/Firefox\//, 'Firefox'],
      [/Chrom(e|ium)\//, 'Chrome'],
      [/Safari\//, 'Safari'],
    ].find(([re]) => (re as RegExp).test(userAgent))?.[1] ?? t.sessions.unknownBrowser;
  const system = [
    [/Android/, 'Android'],
    [/iPhone|iPad|iOS/, 'iOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ].find(([re]) => (re as RegExp).test(userAgent))?.[1];
  return system ? t.sessions.browserOn(browser as string, system as string) : (browser as string);
}

export function Sessions({ onSignOut }: { onSignOut: () => void }) {
  const id = useId();
  const sessions = useLoad(() => ok(api.GET('/api/v1/me/sessions')), []);
  const action = useAction();
  const [confirm, setConfirm] = useState<Session | 'others'>();
  const rows = sessions.data?.sessions ?? [];
  const others = rows.filter((s) => !s.current).length;

  const end = (which: Session | 'others') =>
    void action
      .run(() =>
        which === 'others'
          ? ok(api.DELETE('/api/v1/me/sessions'))
          : ok(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: which.id } } })),
      )
      .then(() => {
        setConfirm(undefined);
        sessions.reload();
      });

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.sessions.title}</h2>
      <p>{t.sessions.help}</p>
      {sessions.error && <Alert>{sessions.error}</Alert>}
      {action.error && <Alert>{action.error}</Alert>}
      <Table
        rows={rows}
        rowKey={(s) => s.id}
        columns={[
          {
            header: t.sessions.device,
            rowHeader: true,
            cell: (s) => (
              <>
                <span title={s.userAgent ?? undefined}>{deviceOf(s.userAgent)}</span>
                {s.current && <strong className="tag"> {t.sessions.thisDevice}</strong>}
              </>
            ),
          },
          { header: t.sessions.address, cell: (s) => s.source ?? '–' },
          { header: t.sessions.signedIn, cell: (s) => formatTime(s.signedInAt) },
          { header: t.sessions.lastSeen, cell: (s) => formatTime(s.lastSeenAt) },
          {
            header: t.sessions.signOut,
            hiddenHeader: true,
            cell: (s) =>
              s.current ? (
                <button type="button" onClick={onSignOut}>
                  {t.nav.signOut}
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => setConfirm(s)}
                  aria-label={t.sessions.signOutOne(deviceOf(s.userAgent), formatTime(s.signedInAt))}
                >
                  {t.sessions.signOut}
                </button>
              ),
          },
        ]}
      />
      {others > 0 && (
        <button type="button" className="danger" onClick={() => setConfirm('others')}>
          {t.sessions.signOutOthers}
        </button>
      )}
      {confirm && (
        <Confirm
          title={confirm === 'others' ? t.sessions.signOutOthers : t.sessions.signOut}
          question={
            confirm === 'others'
              ? t.sessions.signOutOthersConfirm(others)
              : t.sessions.signOutConfirm(deviceOf(confirm.userAgent))
          }
          action={t.sessions.signOut}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => end(confirm)}
        />
      )}
    </section>
  );
}
