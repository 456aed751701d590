// Measures (does not assert) the delay from the ingest commit to MQTT delivery at a subscriber, for one
// batch of 10 000 observations with both kinds of messages on: printed as p50 / p99 / max.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from '../support/database.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import { subscribe, testTopics, timingSubscriber, type Subscriber } from '../support/mqtt.js';

const N = Number(process.env.LATENCY_OBSERVATIONS ?? 10_000);
const PARAMS = [
  { standardName: 'air_temperature', unit: 'Cel', value: '4.5' },
  { standardName: 'relative_humidity', unit: '%', value: '87' },
  { standardName: 'wind_speed', unit: 'm/s', value: '3.2', level: '10.0' },
  { standardName: 'air_pressure_at_mean_sea_level', unit: 'hPa', value: '1013.2', level: '1.0' },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

describe(`delivery delay for ${N} observations (${databaseKind}, embedded broker)`, () => {
  const topics = testTopics();
  let hub: TestHub;
  let sub: Subscriber;
  before(async () => {
    hub = await startTestHub(topics.env);
    sub = await subscribe(hub.broker.url, topics.subscriptions);
  });
  after(async () => {
    await sub.close();
    await hub.stop();
  });

  it('prints p50 and p99 of commit → delivery', async () => {
    const times = Math.ceil(N / (PARAMS.length * 250));
    const batch = [];
    for (let s = 0; batch.length < N; s++)
      for (const p of PARAMS)
        for (let t = 1; t <= times && batch.length < N; t++)
          batch.push(
            esohMessage({
              platform: `0-20000-0-${String(s + 1).padStart(5, '0')}`,
              datetime: minutesAgo(t),
              ...p,
            }),
          );
    // The subscriber runs in its own thread: a consumer elsewhere does not slow the hub it measures.
    await sub.close();
    const timing = await timingSubscriber(hub.broker.url, topics.subscriptions, 'origin/');
    let committedAt = 0;
    const unsubscribe = hub.bus.subscribe(
      'observations.committed',
      () => (committedAt = performance.timeOrigin + performance.now()),
    );
    const started = performance.now();
    await hub.ingest.ingest(hub.provider.principal, batch);
    const ingestMs = performance.now() - started;
    unsubscribe();
    await timing.waitForCount(2 * N);
    const arrivals = await timing.arrivals();
    await timing.close();
    sub = await subscribe(hub.broker.url, topics.subscriptions);
    const delays = (kind: number) =>
      arrivals
        .filter(([k]) => k === kind)
        .map(([, at]) => at - committedAt)
        .sort((a, b) => a - b);
    const wis2 = delays(1);
    const esoh = delays(0);
    assert.equal(wis2.length, N);
    assert.equal(esoh.length, N);
    const fmt = (d: number[]) =>
      `p50 ${quantile(d, 0.5).toFixed(0)} ms, p99 ${quantile(d, 0.99).toFixed(0)} ms, max ${d.at(-1)!.toFixed(0)} ms`;
    console.log(`# ingest of ${N} observations (validate + one transaction): ${ingestMs.toFixed(0)} ms`);
    console.log(`# commit → WIS2 notification received: ${fmt(wis2)}`);
    console.log(`# commit → E-SOH message received:     ${fmt(esoh)}`);
    const [p50, p99] = hub.relay.lagQuantiles(0.5, 0.99);
    console.log(`# relay's own lag (outbox row created → broker ack): p50 ${p50} ms, p99 ${p99} ms`);
  });

  it('prints p50 and p99 of commit → delivery for single observations at a steady rate', async () => {
    const count = 200;
    const delays: number[] = [];
    sub.messages.length = 0;
    for (let i = 0; i < count; i++) {
      let committedAt = 0;
      const unsubscribe = hub.bus.subscribe(
        'observations.committed',
        () => (committedAt = performance.timeOrigin + performance.now()),
      );
      await hub.ingest.ingest(
        hub.provider.principal,
        esohMessage({ platform: '0-20000-0-09999', datetime: minutesAgo(i % 60), value: String(i) }),
      );
      unsubscribe();
      await sub.waitFor((m) => m.filter((x) => x.topic.startsWith('origin/')).length > i, 10_000);
      const last = sub.messages.filter((x) => x.topic.startsWith('origin/')).at(-1)!;
      delays.push(last.at - committedAt);
      await new Promise((r) => setTimeout(r, 10));
    }
    delays.sort((a, b) => a - b);
    console.log(
      `# one observation per ingest, ${count} ingests: commit → WIS2 notification p50 ${quantile(delays, 0.5).toFixed(1)} ms, p99 ${quantile(delays, 0.99).toFixed(1)} ms`,
    );
  });
});
