// Operations (maintenance team, read-only): health and readiness of each part, the announcement backlog
// and its age, the ingest of the last hour per organisation, errors (refused ingests, relay failures),
// and the key figures of the metrics (/api/v1/system/metrics) for people without Grafana.
import { api, ok } from '../api/client';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { Table } from '../ui/Table';
import { formatDuration } from '../ui/format';
import { useLoad } from '../ui/useLoad';

/** A row of bars, one per bucket, scaled to the largest (an inline SVG sparkline). */
function Bars({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 6;
  return (
    <svg className="bars" width={values.length * (w + 2)} height="28" role="img" aria-label={label}>
      {values.map((v, i) => {
        const h = Math.round((v / max) * 26);
        return <rect key={i} x={i * (w + 2)} y={28 - h} width={w} height={h} />;
      })}
    </svg>
  );
}

/** Seconds for people: `–` when unknown, milliseconds below one second. */
function seconds(value: number | null): string {
  if (value === null) return '–';
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${Math.round(value * 10) / 10} s`;
}

const quantiles = (q: { p50Seconds: number | null; p99Seconds: number | null }) =>
  `${seconds(q.p50Seconds)} / ${seconds(q.p99Seconds)}`;

const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

export default function OperationsPage() {
  const system = useLoad(() => ok(api.GET('/api/v1/system')), []);
  const activity = useLoad(() => ok(api.GET('/api/v1/system/activity')), []);
  const metrics = useLoad(() => ok(api.GET('/api/v1/system/metrics')), []);
  const refresh = () => {
    system.reload();
    activity.reload();
    metrics.reload();
  };
  const s = system.data;
  const a = activity.data;
  const m = metrics.data;
  const relayErrors = a ? (a.relay.invalid ?? 0) + (a.relay.publishFailures ?? 0) : 0;
  const perMinute = (n: number) => Math.round((n / 60) * 10) / 10;
  return (
    <div className="page">
      <div className="row spread">
        <h1>{t.ops.title}</h1>
        <button type="button" onClick={refresh}>
          {t.ops.refresh}
        </button>
      </div>
      {(system.error ?? activity.error ?? metrics.error) && (
        <Alert>{system.error ?? activity.error ?? metrics.error}</Alert>
      )}
      {s && (
        <section aria-label={t.ops.health}>
          <h2>{t.ops.health}</h2>
          <Table
            rows={Object.entries(s.checks)}
            rowKey={([part]) => part}
            rowClass={([, state]) => (state === 'ok' ? undefined : 'failure')}
            columns={[
              { header: t.ops.part, rowHeader: true, cell: ([part]) => part },
              { header: t.ops.state, cell: ([, state]) => state },
            ]}
          />
          <dl className="meta">
            <dt>{t.ops.version}</dt>
            <dd>
              obshub {s.version} · Node.js {s.node}
            </dd>
            <dt>{t.ops.uptime}</dt>
            <dd>{formatDuration(s.uptimeSeconds)}</dd>
            <dt>{t.ops.deployment}</dt>
            <dd>
              {s.deployment.databaseDescription} · {s.deployment.broker}
            </dd>
          </dl>
        </section>
      )}
      {s && (
        <section aria-label={t.ops.backlog}>
          <h2>{t.ops.backlog}</h2>
          <dl className="meta">
            <dt>{t.ops.backlogDepth}</dt>
            <dd>{s.outbox.depth}</dd>
            <dt>{t.ops.backlogAge}</dt>
            <dd>{s.outbox.oldestAgeSeconds === null ? '–' : formatDuration(s.outbox.oldestAgeSeconds)}</dd>
          </dl>
        </section>
      )}
      {a && (
        <section aria-label={t.ops.ingest}>
          <h2>{t.ops.ingest}</h2>
          <Table
            rows={a.ingest}
            rowKey={(row) => row.authority}
            columns={[
              { header: t.org.title, cell: (row) => row.orgId ?? t.ops.unknownOrg },
              { header: t.org.authority, cell: (row) => row.authority },
              { header: t.ops.observations, cell: (row) => row.observations },
              { header: t.ops.perMinute, cell: (row) => perMinute(row.observations) },
              {
                header: t.ops.perOrganisation,
                cell: (row) => (
                  <Bars values={row.buckets} label={`${row.authority}: ${row.buckets.join(', ')}`} />
                ),
              },
            ]}
          />
        </section>
      )}
      {m && (
        <section aria-label={t.ops.figures}>
          <h2>{t.ops.figures}</h2>
          <p className="hint">{t.ops.figuresNote}</p>
          <dl className="meta">
            <dt>{t.ops.accepted}</dt>
            <dd>{m.ingest.observationsAccepted}</dd>
            <dt>{t.ops.refusedBatches}</dt>
            <dd>{m.ingest.batchesRejected}</dd>
            <dt>{t.ops.writeTime}</dt>
            <dd>{quantiles(m.ingest.write)}</dd>
            <dt>{t.ops.delay}</dt>
            <dd>{quantiles(m.announcements.delay)}</dd>
            <dt>{t.ops.announced}</dt>
            <dd>
              {m.announcements.published} / {m.announcements.failed}
            </dd>
            <dt>{t.ops.broker}</dt>
            <dd>{m.announcements.brokerConnected ? t.ops.connected : t.ops.disconnected}</dd>
            <dt>{t.ops.queryTime}</dt>
            <dd>{quantiles(m.queries.duration)}</dd>
            <dt>{t.ops.queryErrors}</dt>
            <dd>{m.queries.errors}</dd>
            <dt>{t.ops.requests}</dt>
            <dd>
              {m.http.requests} / {m.http.serverErrors} / {m.http.rateLimited}
            </dd>
            <dt>{t.ops.pool}</dt>
            <dd>
              {m.database.connections} / {m.database.idle} / {m.database.waiting}
            </dd>
            <dt>{t.ops.stored}</dt>
            <dd>
              {m.database.observations} / {m.database.partitions}
            </dd>
            <dt>{t.ops.memory}</dt>
            <dd>
              {mebibytes(m.process.residentMemoryBytes)} / {mebibytes(m.process.heapUsedBytes)}
            </dd>
          </dl>
        </section>
      )}
      {a && (
        <section aria-label={t.ops.errors}>
          <h2>{t.ops.errors}</h2>
          {a.rejected.length === 0 && relayErrors === 0 && <p>{t.ops.noErrors}</p>}
          <dl className="meta">
            {a.rejected.map((r) => (
              <div key={r.orgId ?? ''}>
                <dt>
                  {t.ops.rejected}: {r.orgId ?? t.ops.unknownOrg}
                </dt>
                <dd>{r.count}</dd>
              </div>
            ))}
            <dt>{t.ops.relay}</dt>
            <dd>
              {Object.entries(a.relay)
                .map(([k, v]) => `${k} ${v}`)
                .join(' · ')}
            </dd>
          </dl>
        </section>
      )}
    </div>
  );
}
