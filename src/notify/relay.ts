// The outbox relay: claims what the ingest committed, publishes it (QoS 1) and deletes what the broker
// acknowledged. Woken at once by the event bus (`observations.committed`, `metadata.changed`, from any
// process), with polling as a fallback (lost events). While the broker is unreachable nothing is claimed: the backlog waits
// in the database and drains, in order per series, when the broker is back. Any number of relays may run
// against one database (claims skip rows and series another relay holds). A relay holds what it claimed by
// a short lease that it renews while it works on it, so the rows of a relay that died are free again
// within one lease.
import type { Logger } from 'pino';
import type { EventBus } from '../bus/index.js';
import { dataTopic } from '../core/wis2/topics.js';
import { contextFrom, emit, inSpan, SpanKind } from '../observability/index.js';
import type { OutboxBatch, OutboxEntry, Repositories } from '../storage/index.js';
import type { Broker } from './broker.js';
import { esohBody, esohTopic, esohTopicProblem } from './esohMessage.js';
import { buildWnm, type WnmSettings } from './wnm.js';
import { wnmProblems } from './wnmValidate.js';

export interface RelayOptions {
  /** The outbox. */
  storage: Pick<Repositories, 'outbox'>;
  broker: Broker;
  log: Logger;
  /** Wakes the relay when anything was queued; unset: the relay only polls. */
  bus?: Pick<EventBus, 'subscribe'>;
  /** E-SOH topics: null when off. */
  esoh: { prefix: string } | null;
  /** WIS2 notifications: null when off. */
  wis2: (WnmSettings & { topic: string }) | null;
  /**
   * The naming authorities whose data is `recommended` (visible only to entitled callers): their
   * observations get no E-SOH-topic message (it carries the value) and a WIS2 notification on the
   * `recommended` topic that only links to the data. Unset: none.
   */
  restrictedAuthorities?: () => Promise<ReadonlySet<string>>;
  batchSize?: number;
  /** How long a claim holds its rows without renewal (renewed every third of it while in flight). */
  leaseSeconds?: number;
  pollMs?: number;
  publishTimeoutMs?: number;
  /** Pause after a failed publication before trying again. */
  retryMs?: number;
  /**
   * How long one turn of the relay may take (a claim waits for the database at most DATABASE_TIMEOUT, a
   * publication for the broker at most `publishTimeoutMs`); a relay quiet for longer is stuck.
   */
  stuckAfterMs?: number;
}

export interface RelayCounters {
  /** Observations whose messages were all acknowledged by the broker. */
  delivered: number;
  /** MQTT messages acknowledged, all kinds. */
  messages: number;
  /** Messages that failed validation (a bug): logged with the reason, not published. */
  invalid: number;
  /** Outbox rows whose observation was gone (dropped by retention) before it could be announced. */
  expired: number;
  /** Publications that failed or timed out (retried). */
  publishFailures: number;
}

const NONE: ReadonlySet<string> = new Set();

/** The WIS2 settings of `recommended` data: the same topic under the `recommended` data policy. */
function recommendedOf(wis2: WnmSettings & { topic: string }): WnmSettings & { topic: string } {
  return {
    ...wis2,
    dataPolicy: 'recommended',
    topic: dataTopic({ centreId: wis2.centreId, dataPolicy: 'recommended', subTopic: wis2.subTopic }),
  };
}

interface Message {
  topic: string;
  payload: string;
  /** wis2 and esoh: observations' announcements; metadata: the discovery metadata notification. */
  channel: 'wis2' | 'esoh' | 'metadata';
}

/** A claimed row and the messages that announce it: delivered when all are acknowledged. */
interface Outgoing {
  batch: OutboxBatch;
  messages: Message[];
}

/** A claim was not delivered whole: the relay pauses, then claims again what it gave back. */
class PublishingFailed extends Error {
  constructor() {
    super('publishing failed');
  }
}

const LAG_SAMPLES = 10_000;
/** Forms of message remembered as valid, at most (then forgotten at once and checked again). */
const MAX_SHAPES = 50_000;

export class OutboxRelay {
  private readonly counters: RelayCounters = {
    delivered: 0,
    messages: 0,
    invalid: 0,
    expired: 0,
    publishFailures: 0,
  };
  private readonly lags = new Float64Array(LAG_SAMPLES);
  private lagCount = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private unsubscribe: (() => void)[] = [];
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly pollMs: number;
  private readonly publishTimeoutMs: number;
  private readonly retryMs: number;
  private readonly stuckAfterMs: number;
  /** When the loop last began a turn: the watchdog's heartbeat. */
  private lastTurnMs = Date.now();
  /** Outbox rows this relay has claimed and not yet deleted or given back: its leases to renew. */
  private readonly held = new Set<number>();
  private renewTimer: NodeJS.Timeout | undefined;
  /** Forms of WIS2 messages whose schema was checked (see messagesFor). */
  private readonly validShapes = new Set<string>();

  constructor(private readonly options: RelayOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.leaseSeconds = options.leaseSeconds ?? 15;
    this.pollMs = options.pollMs ?? 1000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
    this.retryMs = options.retryMs ?? 1000;
    this.stuckAfterMs = options.stuckAfterMs ?? 90_000;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    const { bus } = this.options;
    if (bus) {
      this.unsubscribe = [
        bus.subscribe('observations.committed', () => this.wake()),
        bus.subscribe('metadata.changed', () => this.wake()),
      ];
    }
    this.loop = this.run();
    this.renewTimer = setInterval(() => void this.renewLeases(), (this.leaseSeconds * 1000) / 3);
    this.renewTimer.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.renewTimer);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    this.wake();
    await this.loop;
  }

  /** Something was committed: look at the outbox now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  counts(): Readonly<RelayCounters> {
    return { ...this.counters };
  }

  /** Backlog depth and the age of its oldest row (ms; 0 when empty), from the database. */
  async backlog(now: number = Date.now()): Promise<{ depth: number; oldestAgeMs: number }> {
    const stats = await this.options.storage.outbox.stats();
    return {
      depth: stats.depth,
      oldestAgeMs: stats.oldestMs === null ? 0 : Math.max(0, now - stats.oldestMs),
    };
  }

  /**
   * The watchdog's readiness check: throws, naming the backlog, when the running relay has not begun a
   * turn for longer than one turn may take (its database connection or broker stalled).
   */
  async checkProgress(now: number = Date.now()): Promise<void> {
    const quietMs = now - this.lastTurnMs;
    if (!this.running || quietMs <= this.stuckAfterMs) return;
    const { depth } = await this.backlog(now).catch(() => ({ depth: NaN }));
    throw new Error(
      `the announcement relay has not moved for ${Math.round(quietMs / 1000)} s; ${Number.isNaN(depth) ? 'an unknown number of' : depth} observations wait to be announced`,
    );
  }

  /** Delivery lag (ingest commit to broker acknowledgement) of recent observations, in ms. */
  lagQuantiles(...qs: number[]): number[] {
    const n = Math.min(this.lagCount, LAG_SAMPLES);
    if (n === 0) return qs.map(() => 0);
    const sorted = Array.from(this.lags.subarray(0, n)).sort((a, b) => a - b);
    return qs.map((q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? 0);
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    }).then(() => {
      this.wakeUp = undefined;
    });
  }

  private async run(): Promise<void> {
    const { log } = this.options;
    // Two claims may be in flight: the next one is claimed, built and published while the broker
    // acknowledges the previous one, even when they share series (this relay's own rows do not block its
    // claims; another relay's do). The broker keeps the order of one publisher's messages, and claims are
    // settled in the order they were made (see settleInOrder), so per-series order holds.
    let previous: Promise<boolean> | undefined;
    while (this.running) {
      this.woken = false;
      this.lastTurnMs = Date.now();
      try {
        this.options.broker.checkReady();
        const batch = await this.claim();
        if (batch === undefined) {
          if (previous) {
            const last = previous;
            previous = undefined;
            if (!(await last)) throw new PublishingFailed();
            continue; // what it delivered may have been all; what it gave back is claimable again
          }
          await this.sleep(this.pollMs);
          continue;
        }
        const before = previous;
        previous = this.settleInOrder(this.publishBatch(batch), before);
        previous.catch(() => undefined); // handled when awaited
        if (before && !(await before)) throw new PublishingFailed();
      } catch (err) {
        await previous?.catch(() => undefined);
        previous = undefined;
        // Nothing is in flight now: rows not deleted or given back (the database failed) are not renewed,
        // so their leases lapse and any relay takes them again.
        this.held.clear();
        if (!(err instanceof PublishingFailed)) emit('relay.failed', { reason: 'claim' });
        log.debug({ component: 'notify', err }, 'outbox relay waiting');
        await this.sleep(this.retryMs);
      }
    }
    await previous?.catch(() => undefined);
  }

  /** Extends the leases of the rows in flight (a failure is retried at the next tick, well within a lease). */
  private async renewLeases(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await this.options.storage.outbox.renew([...this.held], this.leaseSeconds);
    } catch (err) {
      this.options.log.debug({ component: 'notify', err }, 'renewing outbox leases failed');
    }
  }

  /** Deletes delivered rows, or gives back failed ones, and stops renewing their leases. */
  private async settle(ids: readonly number[], how: 'delete' | 'release'): Promise<void> {
    await this.options.storage.outbox[how](ids);
    for (const id of ids) this.held.delete(id);
  }

  /** Claims rows and builds their messages; undefined when there is nothing to claim. */
  private async claim(): Promise<Outgoing[] | undefined> {
    const batches = await this.options.storage.outbox.claim(this.batchSize, this.leaseSeconds, [
      ...this.held,
    ]);
    if (batches.length === 0) return undefined;
    for (const batch of batches) this.held.add(batch.id);
    emit('relay.claimed', { rows: batches.length });
    const restricted = (await this.options.restrictedAuthorities?.()) ?? NONE;
    const outgoing: Outgoing[] = [];
    const empty: number[] = [];
    let expired = 0;
    for (const batch of batches) {
      if (batch.expired > 0) {
        expired += batch.expired;
        this.options.log.warn(
          {
            component: 'notify',
            outboxId: batch.id,
            observations: batch.expired,
            obstime: new Date(batch.expiredObstimeMs ?? batch.createdMs).toISOString(),
          },
          'observations left the retention window before they were announced',
        );
      }
      const messages = batch.message
        ? [{ ...batch.message, channel: 'metadata' as const }]
        : batch.observations.flatMap((o) => this.messagesFor(o, restricted.has(o.namingAuthority)));
      if (messages.length > 0) outgoing.push({ batch, messages });
      else empty.push(batch.id);
    }
    if (expired > 0) {
      this.counters.expired += expired;
      emit('relay.expired', { observations: expired });
    }
    await this.settle(empty, 'delete');
    return outgoing;
  }

  /** Publishes claimed rows (QoS 1): each row with whether the broker acknowledged all its messages. */
  private publishBatch(outgoing: Outgoing[]): Promise<(Outgoing & { ok: boolean })[]> {
    // One span per row continues the trace of the ingest that wrote it (the traceparent stored with it).
    return Promise.all(
      outgoing.map(async (o) => {
        const publish = () => this.publishAll(o.messages);
        const ok = o.batch.traceparent
          ? await inSpan(
              'announce publish',
              { 'messaging.system': 'mqtt', 'obshub.observations': o.batch.observations.length },
              publish,
              { parent: contextFrom(o.batch.traceparent), requireParent: true, kind: SpanKind.PRODUCER },
            )
          : await publish();
        return { ...o, ok };
      }),
    );
  }

  /**
   * Once the claim before has been settled (`before`: whether all of it and everything earlier was
   * delivered), deletes the rows of this one the broker acknowledged, up to its first failure, and gives
   * back the rest: after a failure nothing later is deleted, so a later row of a series is never kept
   * while an earlier one is announced again. Resolves to whether all was delivered.
   */
  private async settleInOrder(
    publishing: Promise<(Outgoing & { ok: boolean })[]>,
    before: Promise<boolean> | undefined,
  ): Promise<boolean> {
    const results = await publishing;
    let ok = before ? await before : true;
    const now = Date.now();
    const done: number[] = [];
    const back: number[] = [];
    const delaysSeconds: number[] = [];
    let failures = 0;
    for (const r of results) {
      if (!r.ok) failures++;
      ok &&= r.ok;
      if (!ok) {
        back.push(r.batch.id);
        continue;
      }
      done.push(r.batch.id);
      this.counters.messages += r.messages.length;
      this.counters.delivered += r.batch.observations.length;
      const lag = Math.max(0, now - r.batch.createdMs);
      for (let i = 0; i < r.batch.observations.length; i++) {
        this.lags[this.lagCount++ % LAG_SAMPLES] = lag;
        delaysSeconds.push(lag / 1000);
      }
    }
    emit('relay.delivered', { delaysSeconds });
    await this.settle(done, 'delete');
    if (back.length > 0) {
      await this.settle(back, 'release');
      if (failures > 0) {
        this.counters.publishFailures += failures;
        emit('relay.failed', { reason: 'publish' });
        this.options.log.warn(
          { component: 'notify', failed: failures },
          'publishing to the MQTT broker failed; will retry',
        );
      }
    }
    return ok;
  }

  /**
   * Publishes messages in their order (QoS 1); true when the broker acknowledged all of them within the
   * publish timeout. Counted once per channel and outcome, not per message.
   */
  private async publishAll(messages: readonly Message[]): Promise<boolean> {
    const { broker } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.publishTimeoutMs);
    });
    const outcomes = messages.map((m) =>
      Promise.race([
        broker.publish(m.topic, m.payload, { qos: 1 }).then(() => 'ok' as const),
        timedOut,
      ]).catch(() => 'failed' as const),
    );
    const settled = await Promise.all(outcomes);
    clearTimeout(timer);
    const counts = new Map<string, number>();
    settled.forEach((outcome, i) => {
      const key = `${messages[i]!.channel} ${outcome === 'ok' ? 'ok' : 'failed'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    for (const [key, n] of counts) {
      const [channel, outcome] = key.split(' ') as [Message['channel'], 'ok' | 'failed'];
      emit('relay.published', { channel, outcome, messages: n });
    }
    return settled.every((outcome) => outcome === 'ok');
  }

  /** The messages that announce one observation; invalid ones are logged and counted, not returned. */
  private messagesFor(entry: OutboxEntry, restricted: boolean): Message[] {
    const { esoh, wis2, log } = this.options;
    const out: Message[] = [];
    const invalid = (kind: 'E-SOH' | 'WIS2', problems: string[], topic: string) => {
      this.counters.invalid++;
      emit('relay.published', {
        channel: kind === 'WIS2' ? 'wis2' : 'esoh',
        outcome: 'invalid',
        messages: 1,
      });
      log.error(
        {
          component: 'notify',
          kind,
          topic,
          problems,
          platform: entry.platform,
          parameter: entry.parameterName,
        },
        `${kind} message failed validation and was not published`,
      );
    };
    if (esoh && !restricted) {
      const topic = esohTopic(esoh.prefix, entry);
      const problem = esohTopicProblem(esoh.prefix, entry);
      if (problem) invalid('E-SOH', [problem], topic);
      else out.push({ topic, payload: JSON.stringify(esohBody(entry)), channel: 'esoh' });
    }
    if (wis2) {
      const settings = restricted ? recommendedOf(wis2) : wis2;
      const message = buildWnm(settings, entry, { withValue: !restricted });
      const payload = JSON.stringify(message);
      // The schema is checked once per series and form of message (with or without the inline value,
      // with or without a height), not for every observation.
      const shape = `${settings.topic} ${entry.namingAuthority} ${entry.timeseriesId} ${entry.instrument} ${'content' in (message.properties as object)} ${entry.camsl === null}`;
      const knownShape = this.validShapes.has(shape);
      const problems = wnmProblems(message, payload, knownShape);
      if (problems.length > 0) invalid('WIS2', problems, settings.topic);
      else {
        if (!knownShape) {
          if (this.validShapes.size >= MAX_SHAPES) this.validShapes.clear();
          this.validShapes.add(shape);
        }
        out.push({ topic: settings.topic, payload, channel: 'wis2' });
      }
    }
    return out;
  }
}
