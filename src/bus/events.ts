// The events processes tell each other about. Signals, not data: a lost event only delays what its
// subscribers would have done anyway (the relay also polls, caches also expire), so every transport may
// deliver at most once. Every subscriber, in every process, gets every event (fan-out, no queue groups).

/** What each event carries (small: PostgreSQL's NOTIFY payload holds less than 8 000 bytes). */
export interface BusEvents {
  /** An ingest committed observations (and, when something announces them, their outbox rows). */
  'observations.committed': { count: number; authorities: string[] };
  /** The discovery metadata record changed and its notification was queued in the outbox. */
  'metadata.changed': { recordId: string };
  /**
   * The stored data of `authorities` changed (an ingest, a retention run; `*`: everyone's): cached data
   * versions (ETags) are stale.
   */
  'data.version': { authorities: string[] };
}

export type BusEventName = keyof BusEvents;

export const busEventNames: readonly BusEventName[] = [
  'observations.committed',
  'metadata.changed',
  'data.version',
];

export type BusHandler<E extends BusEventName> = (payload: BusEvents[E]) => void;

/** Publishing half of the bus: what a service that only announces needs. */
export interface BusPublisher {
  /**
   * Delivers `payload` to the subscribers of `event` in this process at once, and to other processes'
   * through the transport. Resolves once the transport took it; never rejects (a signal that cannot be
   * sent is logged and dropped).
   */
  publish<E extends BusEventName>(event: E, payload: BusEvents[E]): Promise<void>;
}

export interface EventBus extends BusPublisher {
  readonly kind: 'memory' | 'postgres' | 'nats';
  /** Where the events travel, for the start line (no credentials). */
  readonly description: string;
  /** Calls `handler` for every `event`, from any process. Returns an unsubscribe function. */
  subscribe<E extends BusEventName>(event: E, handler: BusHandler<E>): () => void;
  /** Resolves once events from other processes are being received (readiness). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** One message on a shared transport: the sender (so it skips its own echo), the event and its payload. */
export interface Envelope {
  o: string;
  e: BusEventName;
  p: unknown;
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.o === 'string' && busEventNames.includes(v.e as BusEventName) && 'p' in v;
}
