// Observability end to end on a real hub: /metrics (who may read it, the families after an ingest and a
// query, promtool's verdict on the text), the key figures of the operations page, and one ingest's trace
// from the HTTP request through validation and the database commit to the announcement's publication.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ObshubError } from '../../src/core/errors.js';
import { ADMIN_USERNAME, userPrincipal } from '../../src/identity/index.js';
import { startTracing, subscribe, type KeyFigures } from '../../src/observability/index.js';
import { startTestHub, postIngest, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

/** Resolves once the relay has announced `n` more observations. */
function delivered(n: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const stop = subscribe({
      'relay.delivered': (e) => {
        seen += e.delaysSeconds.length;
        if (seen >= n) {
          stop();
          resolve();
        }
      },
    });
  });
}

/** The value of one sample of the Prometheus text, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || l === `${name}${labels}`);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const batch = () =>
  [1, 2, 3].map((m) =>
    esohMessage({
      platform: '0-20000-0-06260',
      datetime: minutesAgo(m),
      standardName: 'air_temperature',
      unit: 'Cel',
      value: '4.5',
    }),
  );

describe('observability', () => {
  let hub: TestHub;
  let rootToken: string;
  const exporter = new InMemorySpanExporter();
  let stopTracing: () => Promise<void>;

  before(async () => {
    // Tracing is process-wide: on before the hub starts, as with OTEL_EXPORTER_OTLP_ENDPOINT.
    stopTracing = startTracing({ serviceName: 'obshub-test', version: 'test', exporter });
    hub = await startTestHub({ METRICS_TOKEN, WIS2_PUBLISH: 'on' });
    const admin = (await hub.storage.users.findByUsername(ADMIN_USERNAME))!;
    rootToken = 'token-of-the-platform-admin';
    hub.gateway.setTokenVerifier(async (token) => {
      if (token !== rootToken) throw new ObshubError('UNAUTHENTICATED', 'unknown test token');
      return userPrincipal(admin, 'token');
    });
  });
  after(async () => {
    await hub.stop();
    await stopTracing();
  });

  const scrape = (headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) =>
    hub.app.inject({ method: 'GET', url: '/metrics', headers });

  it('serves /metrics to the metrics token and platform roles only', async () => {
    assert.equal((await scrape({})).statusCode, 401);
    assert.equal((await scrape({ authorization: 'Bearer wrong-token-0123456789' })).statusCode, 401);
    assert.equal((await scrape(hub.provider.headers)).statusCode, 403);
    const admin = await scrape({ authorization: `Bearer ${rootToken}` });
    assert.equal(admin.statusCode, 200);
    const res = await scrape();
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(res.body, /^# HELP obshub_http_request_duration_seconds /m);
    assert.match(res.body, /^process_resident_memory_bytes /m);
  });

  it('counts an ingest, its announcement and a query, with bounded labels', async () => {
    const announced = delivered(3);
    const res = await postIngest(hub, batch());
    assert.equal(res.statusCode, 200, res.body);
    await announced;
    const rejected = await postIngest(hub, [{ type: 'Feature' }]);
    assert.equal(rejected.statusCode, 422);
    const query = await hub.app.inject({
      method: 'GET',
      url: `/collections/observations/locations/0-20000-0-06260?datetime=${minutesAgo(1)}`,
      headers: hub.provider.headers,
    });
    assert.equal(query.statusCode, 200, query.body);

    const text = (await scrape()).body;
    assert.equal(sample(text, 'obshub_ingest_observations_accepted_total', '{org="test-provider"}'), 3);
    assert.equal(
      sample(text, 'obshub_ingest_batches_rejected_total', '{org="test-provider",reason="INGEST_INVALID"}'),
      1,
    );
    assert.equal(sample(text, 'obshub_ingest_batch_observations_count'), 1);
    assert.equal(sample(text, 'obshub_announcement_delay_seconds_count'), 3);
    assert.equal(sample(text, 'obshub_announcements_published_total', '{channel="wis2",outcome="ok"}'), 3);
    assert.equal(sample(text, 'obshub_outbox_rows'), 0);
    assert.equal(sample(text, 'obshub_broker_connected'), 1);
    assert.equal(sample(text, 'obshub_ready'), 1);
    assert.ok((sample(text, 'obshub_db_pool_connections', '{state="total"}') ?? 0) >= 1);
    assert.ok(
      (sample(text, 'obshub_db_query_duration_seconds_count', '{statement="insert observation"}') ?? 0) >= 1,
    );
    assert.equal(
      sample(
        text,
        'obshub_http_request_duration_seconds_count',
        '{route="/ingest/json",method="POST",status_class="2xx"}',
      ),
      1,
    );
    assert.match(text, /^obshub_query_duration_seconds_count\{query_type="locations",outcome="ok"\} 1$/m);
    // Route templates, never raw URLs.
    assert.doesNotMatch(text, /route="[^"]*0-20000-0-06260/);
  });

  it('passes promtool check metrics', { skip: !hasPromtool && 'promtool is not installed' }, async () => {
    const text = (await scrape()).body;
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });

  it('gives the operations page its key figures', async () => {
    assert.equal((await hub.app.inject({ method: 'GET', url: '/api/v1/system/metrics' })).statusCode, 401);
    const res = await hub.app.inject({
      method: 'GET',
      url: '/api/v1/system/metrics',
      headers: { authorization: `Bearer ${rootToken}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const figures = res.json<KeyFigures>();
    assert.equal(figures.ingest.observationsAccepted, 3);
    assert.equal(figures.announcements.delay.count, 3);
    assert.ok(figures.announcements.delay.p50Seconds !== null && figures.announcements.delay.p50Seconds > 0);
    assert.equal(figures.announcements.brokerConnected, true);
    assert.ok(figures.http.requests > 0);
  });

  it('traces one ingest from the request to the announcement', async () => {
    exporter.reset();
    const announced = delivered(3);
    const res = await postIngest(
      hub,
      batch().map((m, i) => ({ ...m, properties: { ...m.properties, datetime: minutesAgo(10 + i) } })),
    );
    assert.equal(res.statusCode, 200, res.body);
    await announced;
    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const parentOf = (s: ReadableSpan) =>
      spans.find((p) => p.spanContext().spanId === s.parentSpanContext?.spanId);
    const [server] = byName('POST /ingest/json');
    assert.ok(server, `spans: ${spans.map((s) => s.name).join(', ')}`);
    const traceId = server.spanContext().traceId;
    const [validate] = byName('ingest validate');
    const [write] = byName('ingest write');
    assert.equal(parentOf(validate!), server);
    assert.equal(parentOf(write!), server);
    const within = (s: ReadableSpan | undefined, ancestor: ReadableSpan): boolean =>
      s !== undefined && (s === ancestor || within(parentOf(s), ancestor));
    // A write may take two transactions (a retry when retention forgot a cached series): look in each.
    const transactions = byName('db transaction').filter((s) => parentOf(s) === write);
    assert.ok(transactions.length > 0, 'the commit is a child of the write');
    const inTransaction = (s: ReadableSpan) => transactions.some((tx) => within(s, tx));
    const insert = spans.find((s) => s.name === 'db insert observation' && inTransaction(s));
    assert.ok(
      insert,
      `the observation insert is a statement of the transaction: ${spans
        .filter(inTransaction)
        .map((s) => `${s.name} < ${parentOf(s)?.name}`)
        .join(', ')}`,
    );
    assert.match(String(insert.attributes['db.query.text']), /INSERT INTO outbox/);
    const publish = byName('announce publish').find((s) => s.spanContext().traceId === traceId);
    assert.ok(publish, 'the relay continues the ingest trace');
    assert.equal(parentOf(publish), write);
    assert.equal(publish.attributes['obshub.observations'], 3);
  });

  it('shows the SQL of an EDR query in its trace', async () => {
    exporter.reset();
    const res = await hub.app.inject({
      url: `/collections/observations/locations/0-20000-0-06260?datetime=${minutesAgo(1)}`,
      headers: hub.provider.headers,
    });
    assert.equal(res.statusCode, 200, res.body);
    // The server span ends in onResponse, which may run just after inject() resolved.
    const name = 'GET /collections/observations/locations/:location_id';
    for (let i = 0; i < 1000 && !exporter.getFinishedSpans().some((s) => s.name === name); i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === name);
    assert.ok(server, `spans: ${spans.map((s) => s.name).join(', ')}`);
    const statements = spans.filter(
      (s) => s.spanContext().traceId === server.spanContext().traceId && s.name.startsWith('db select'),
    );
    assert.ok(statements.some((s) => /FROM time_series t/.test(String(s.attributes['db.query.text']))));
  });
});
