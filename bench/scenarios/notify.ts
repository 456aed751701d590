// Notification delay: 10 000 new observations ingested in 10 batches of 1 000 (each batch one time step),
// and for every WIS2 notification received, the time from the batch's acknowledgement (sent after its
// commit) to the message's arrival at a subscriber of the hub's broker. It starts once the backlog of
// earlier scenarios has drained.
import mqtt from 'mqtt';
import { esohMessage, PARAMETERS, type Station } from '../dataset.js';
import { latencySummary } from '../stats.js';
import type { HubProcess } from '../hubProcess.js';

/** Resolves once `count()` has not changed for a second (at most 5 minutes). */
async function waitForQuiet(count: () => number): Promise<void> {
  const until = Date.now() + 300_000;
  for (let seen = -1; seen !== count() && Date.now() < until;) {
    seen = count();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Waits until the hub has announced everything ingested so far (its backlog has drained). */
export async function waitForDrainedBacklog(brokerUrl: string): Promise<void> {
  let received = 0;
  const client = await mqtt.connectAsync(brokerUrl);
  client.on('message', () => received++);
  await client.subscribeAsync('#', { qos: 0 });
  await waitForQuiet(() => received);
  await client.endAsync();
}

export async function measureNotificationDelay(
  { url, providerHeaders }: Pick<HubProcess, 'url' | 'providerHeaders'>,
  brokerUrl: string,
  stations: readonly Station[],
  startMs: number,
  total = 10_000,
): Promise<{ received: number; p50_ms: number; p99_ms: number }> {
  const batchSize = 1000;
  const batches = Math.ceil(total / batchSize);
  const pairs = stations.flatMap((station) => PARAMETERS.map((parameter) => ({ station, parameter })));
  if (pairs.length < batchSize) throw new Error(`the data set needs at least ${batchSize} series`);
  const acknowledged = new Map<string, number>();
  const arrivals: { datetime: string; at: number }[] = [];
  const client = await mqtt.connectAsync(brokerUrl);
  client.on('message', (_topic, payload) => {
    const datetime = (JSON.parse(payload.toString()) as { properties: { datetime: string } }).properties
      .datetime;
    arrivals.push({ datetime, at: performance.now() });
  });
  await client.subscribeAsync('origin/a/wis2/#', { qos: 1 });
  // Announcements of earlier scenarios may still be draining: start once the broker has been quiet for 1 s.
  const quietBy = Date.now() + 300_000;
  for (let seen = -1; seen !== arrivals.length && Date.now() < quietBy;) {
    seen = arrivals.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
  arrivals.length = 0;
  for (let b = 0; b < batches; b++) {
    const timeMs = startMs + b * 60_000;
    const datetime = new Date(timeMs).toISOString().replace('.000Z', 'Z');
    const body = JSON.stringify(
      pairs
        .slice(0, batchSize)
        .map(({ station, parameter }) => esohMessage({ station, parameter, timeMs, value: b })),
    );
    const res = await fetch(`${url}/ingest/json`, {
      method: 'POST',
      headers: { ...providerHeaders, 'content-type': 'application/json' },
      body,
    });
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    acknowledged.set(datetime, performance.now());
  }
  const deadline = Date.now() + 60_000;
  while (arrivals.length < batches * batchSize && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  await client.endAsync();
  const delays = arrivals.flatMap((a) => {
    const ack = acknowledged.get(a.datetime);
    return ack === undefined ? [] : [Math.max(0, a.at - ack)];
  });
  return { received: delays.length, ...latencySummary(delays) };
}
