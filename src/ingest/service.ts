// The ingest service: validates a whole batch, then stores it in one transaction. The caller's answer
// is sent only after the commit, so an acknowledged observation is durable.
import type { BusPublisher } from '../bus/index.js';
import type { Principal } from '../core/access.js';
import { formatDurationSeconds } from '../core/duration.js';
import { ObshubError, type Problem } from '../core/errors.js';
import { currentTraceparent, emit, inSpan } from '../observability/index.js';
import type { ObservationRepository } from '../storage/index.js';
import type { IngestResponse } from './esohMessage.js';
import { normaliseJsonBody } from './jsonBody.js';
import { fixedLimits, type IngestLimits } from './limits.js';
import { normaliseBatch, type NormalisedBatch, type Window } from './normalise.js';
import type { ValidationPool } from './validationPool.js';

export interface IngestSettings {
  retentionSeconds: number | null;
  futureToleranceSeconds: number;
  ingestLimits: IngestLimits;
  /** INGEST_BODY_LIMIT: the most bytes a JSON body may unpack to. */
  ingestBodyLimitBytes: number;
}

/** A JSON ingest body as it arrived: its bytes, gzip-encoded or not. */
export interface RawJsonBody {
  bytes: Uint8Array;
  gzip: boolean;
}

/**
 * Where a batch came from when it was not sent as E-SOH JSON (BUFR): problems found before the messages
 * were made, and how to say where a message's problem lies in the original input.
 */
export interface BatchOrigin {
  problems: Problem[];
  /** Problems of `problems` that belong to no message of the batch. */
  invalidInputs: number;
  /** The problem restated for the input, from its JSON path into the batch (`/17/properties/…`). */
  locate(problem: Problem): Problem;
}

/** The 422 of a rejected batch: the listed problems, and how many messages have problems. */
function invalid(batch: NormalisedBatch, origin: BatchOrigin | undefined): ObshubError {
  const all = [...(origin?.problems ?? []), ...batch.problems.map((p) => origin?.locate(p) ?? p)];
  const problems = all.slice(0, fixedLimits.listedProblems);
  const invalidMessages = batch.invalidMessages + (origin?.invalidInputs ?? 0);
  const n = problems.length;
  const detail =
    batch.truncated || all.length > n
      ? `${invalidMessages} of ${batch.messages} messages have problems; the first ${n} problems are listed; nothing was stored`
      : `${n} problem${n === 1 ? '' : 's'} found; nothing was stored`;
  return new ObshubError('INGEST_INVALID', detail, {
    problems,
    extensions: { invalidMessages, messages: batch.messages },
  });
}

/**
 * Throws 401/403 unless `principal` may write every naming authority in `names` (the identity service's
 * tenant rule); `source` is the caller's address, for the audit log.
 */
export type IngestAuthoriser = (
  principal: Principal,
  names: ReadonlySet<string>,
  source: string | null,
) => Promise<void>;

/** Whose ingest it is, for the metrics: the organisation, else the role. */
const orgOf = (principal: Principal): string => principal.orgId ?? principal.role ?? 'anonymous';

export interface IngestResult extends IngestResponse {
  stored: number;
  duplicates: number;
}

export class IngestService {
  constructor(
    private readonly observations: ObservationRepository,
    readonly settings: IngestSettings,
    private readonly authorise: IngestAuthoriser,
    private readonly now: () => number = Date.now,
    /** Told of every commit (`observations.committed`): relays wake up, caches drop their versions. */
    private readonly events?: BusPublisher,
    /** Where JSON bodies are parsed and validated; unset: on the event loop. */
    private readonly validation?: ValidationPool,
  ) {}

  window(nowMs: number): Window {
    const { retentionSeconds, futureToleranceSeconds } = this.settings;
    return {
      fromMs: retentionSeconds === null ? null : nowMs - retentionSeconds * 1000,
      toMs: nowMs + futureToleranceSeconds * 1000,
      retention: retentionSeconds === null ? 'unlimited' : formatDurationSeconds(retentionSeconds),
      futureTolerance: formatDurationSeconds(futureToleranceSeconds),
    };
  }

  /**
   * Ingests one E-SOH message or an array of them for `principal`: throws BATCH_TOO_LARGE, INGEST_INVALID
   * listing the problems, or 401/403 when the caller may not write one of the batch's naming authorities.
   * `origin` adds the problems found while the batch was made (BUFR) and restates the others for its input.
   */
  ingest(
    principal: Principal,
    body: unknown,
    source: string | null = null,
    origin?: BatchOrigin,
  ): Promise<IngestResult> {
    return this.counted(principal, Array.isArray(body) ? body.length : 1, (tally) =>
      this.store(
        principal,
        async (window) => normaliseBatch(body, window, this.settings.ingestLimits),
        tally,
        source,
        origin,
      ),
    );
  }

  /**
   * Ingests a JSON body as it arrived (E-SOH messages, maybe gzip-encoded), as `ingest` does; the body is
   * unpacked, parsed and validated in a validation worker when there are any (400/413 for unreadable or
   * oversized bodies).
   */
  ingestJson(principal: Principal, body: RawJsonBody, source: string | null = null): Promise<IngestResult> {
    return this.counted(principal, 1, (tally) =>
      this.store(
        principal,
        (window) => {
          const task = {
            ...body,
            bodyLimit: this.settings.ingestBodyLimitBytes,
            window,
            limits: this.settings.ingestLimits,
          };
          return this.validation ? this.validation.run(task) : normaliseJsonBody(task);
        },
        tally,
        source,
        undefined,
      ),
    );
  }

  /**
   * Runs `store`, counting a rejection by its reason, with the number of messages: `messages` until the
   * batch is parsed, then the batch's (store sets the tally).
   */
  private async counted(
    principal: Principal,
    messages: number,
    store: (tally: { messages: number }) => Promise<IngestResult>,
  ): Promise<IngestResult> {
    const tally = { messages };
    try {
      return await store(tally);
    } catch (err) {
      const reason = err instanceof ObshubError ? err.code : 'INTERNAL';
      emit('ingest.rejected', { org: orgOf(principal), reason, messages: tally.messages });
      throw err;
    }
  }

  private async store(
    principal: Principal,
    normalise: (window: Window) => Promise<NormalisedBatch>,
    tally: { messages: number },
    source: string | null,
    origin: BatchOrigin | undefined,
  ): Promise<IngestResult> {
    const now = this.now();
    const org = orgOf(principal);
    const batch = await inSpan('ingest validate', {}, async (span) => {
      const b = await normalise(this.window(now));
      span?.setAttributes({ 'obshub.messages': b.messages, 'obshub.problems': b.problems.length });
      return b;
    });
    tally.messages = batch.messages;
    if (batch.problems.length > 0 || (origin?.problems.length ?? 0) > 0) throw invalid(batch, origin);
    const authorities = new Set(batch.observations.map((o) => o.series.namingAuthority));
    await this.authorise(principal, authorities, source);
    const started = performance.now();
    await inSpan(
      'ingest write',
      { 'obshub.observations': batch.observations.length, 'obshub.org': org },
      () => this.observations.write(batch.observations, Math.floor(now / 1000) * 1000, currentTraceparent()),
    );
    const writeSeconds = (performance.now() - started) / 1000;
    emit('ingest.accepted', {
      org,
      observations: batch.observations.length,
      duplicates: batch.duplicates,
      writeSeconds,
    });
    // Subscribers in this process hear of it before the answer; others as the bus carries it.
    if (batch.observations.length > 0) {
      void this.events?.publish('observations.committed', {
        count: batch.observations.length,
        authorities: [...authorities],
      });
    }
    return {
      status_message: batch.duplicates > 0 ? 'Insert accepted, duplicates removed.' : 'Successfully ingested',
      status_code: 200,
      stored: batch.observations.length,
      duplicates: batch.duplicates,
    };
  }
}
