// The audit log, newest first: filtered by action and start time, paged towards older events.
import { useId, useState } from 'react';
import { api, ok, type Answer } from '../api/client';
import type { operations } from '../api/schema';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Table } from '../ui/Table';
import { formatTime } from '../ui/format';
import { useLoad } from '../ui/useLoad';

type Action = NonNullable<NonNullable<operations['getAuditEvents']['parameters']['query']>['action']>;
type Event = Answer<'/api/v1/audit', 'get'>['events'][number];

/** The actions of the filter: the API's list (the check below fails the typecheck when one is missing). */
const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in.second-factor',
  'account.locked',
  'totp.enrol',
  'totp.enable',
  'totp.disable',
  'recovery-code.use',
  'password.change',
  'password.reset',
  'api-key.create',
  'api-key.revoke',
  'api-key.rejected',
  'token.rejected',
  'auth.failures',
  'user.create',
  'user.update',
  'user.role-change',
  'user.delete',
  'organisation.create',
  'organisation.update',
  'organisation.delete',
  'authority.set',
  'authority.remove',
  'rate-limits.set',
  'oidc-client.create',
  'oidc-client.delete',
  'token.issue',
  'session.revoke',
  'signing-key.rotate',
  'signing-key.retire',
  'ingest.rejected',
] as const satisfies readonly Action[];
type Missing = Exclude<Action, (typeof AUDIT_ACTIONS)[number]>;
export const auditActionsComplete: [Missing] extends [never] ? true : Missing = true;

const PAGE = 50;

export function AuditLog({ orgId }: { orgId?: string }) {
  const id = useId();
  const [action, setAction] = useState<Action | ''>('');
  const [since, setSince] = useState('');
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1];
  const page = useLoad(
    () =>
      ok(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              limit: PAGE,
              ...(orgId ? { orgId } : {}),
              ...(action ? { action } : {}),
              ...(since ? { since: new Date(since).toISOString() } : {}),
              ...(cursor ? { before: cursor } : {}),
            },
          },
        }),
      ),
    [orgId, action, since, cursor],
  );
  const events: Event[] = page.data?.events ?? [];
  const oldest = events[events.length - 1];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.org.audit}</h2>
      <div className="row filters-row">
        <label>
          {t.audit.filterAction}
          <select
            value={action}
            onChange={(e) => {
              setAction(e.target.value as Action | '');
              setBefore([]);
            }}
          >
            <option value="">{t.audit.any}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          {t.audit.since}
          <input
            type="datetime-local"
            value={since}
            onChange={(e) => {
              setSince(e.target.value);
              setBefore([]);
            }}
          />
        </label>
      </div>
      {page.error && <Alert>{page.error}</Alert>}
      <Table
        rows={events}
        rowKey={(e) => e.id}
        rowClass={(e) => (e.outcome === 'failure' ? 'failure' : undefined)}
        columns={[
          { header: t.audit.at, cell: (e) => formatTime(e.at) },
          { header: t.audit.action, cell: (e) => e.action },
          { header: t.audit.outcome, cell: (e) => e.outcome },
          { header: t.audit.actor, cell: (e) => e.actor },
          { header: t.audit.target, cell: (e) => e.target ?? '' },
          { header: t.audit.source, cell: (e) => e.source ?? '' },
          {
            header: t.audit.details,
            cell: (e) => <code>{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>,
          },
        ]}
      />
      {page.data && events.length === 0 && <p>{t.audit.empty}</p>}
      <div className="row">
        <button type="button" disabled={before.length === 0} onClick={() => setBefore([])}>
          {t.audit.newest}
        </button>
        <button
          type="button"
          disabled={!page.data?.next || !oldest}
          onClick={() => oldest && setBefore((b) => [...b, oldest.id])}
        >
          {t.audit.older}
        </button>
      </div>
    </section>
  );
}
