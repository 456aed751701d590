// What the services report for metrics: typed events on Node's diagnostics channels. A service emits
// with one line (`emit('ingest.accepted', {...})`) and knows nothing of Prometheus; a hub's metrics
// subscribe while it runs. With no subscriber an emit costs one property read.
import { channel, type Channel } from 'node:diagnostics_channel';

export interface ObservabilityEvents {
  /** A batch was stored (and committed). */
  'ingest.accepted': { org: string; observations: number; duplicates: number; writeSeconds: number };
  /** A batch was refused; `reason` is an error code of the catalogue (bounded). */
  'ingest.rejected': { org: string; reason: string; messages: number };
  /** One relay claim: how many outbox rows it took. */
  'relay.claimed': { rows: number };
  /** Messages published on one channel, or not (`failed`: broker error, `invalid`: failed validation). */
  'relay.published': {
    channel: 'wis2' | 'esoh' | 'metadata';
    outcome: 'ok' | 'failed' | 'invalid';
    messages: number;
  };
  /** Observations announced: commit-to-acknowledgement delays, in seconds. */
  'relay.delivered': { delaysSeconds: readonly number[] };
  /** A relay turn failed (database or broker); it retries. */
  'relay.failed': { reason: 'publish' | 'claim' };
  /** Outbox rows whose observation was gone before it could be announced. */
  'relay.expired': { observations: number };
  /** An EDR data query finished, was cancelled or refused. */
  'query.finished': {
    queryType: string;
    outcome: 'ok' | 'cancelled' | 'timeout' | 'refused' | 'too_large' | 'error';
    seconds: number;
    bytes?: number;
  };
  /** A cacheable query request, answered from the answer cache or not. */
  'query.cache': { outcome: 'hit' | 'shared' | 'miss' };
  /** A retention run. */
  'retention.run': { outcome: 'ok' | 'failed'; droppedPartitions?: number; deletedRows?: number };
  /** A person's sign-in attempt. */
  'identity.sign_in': { outcome: 'ok' | 'failed' | 'locked' | 'totp_required' | 'totp_failed' };
  /** Tokens issued by the built-in OIDC provider, by grant type. */
  'identity.token_issued': { grantType: string };
  /** An API-key authentication. */
  'identity.api_key': { outcome: 'ok' | 'unknown' | 'revoked' | 'expired' | 'refused' };
  /** An account or address was locked after failed sign-ins. */
  'identity.lockout': { scope: 'account' | 'address' };
}

export type EventName = keyof ObservabilityEvents;

const channels = new Map<EventName, Channel>();

function channelOf(name: EventName): Channel {
  let c = channels.get(name);
  if (!c) {
    c = channel(`obshub:${name}`);
    channels.set(name, c);
  }
  return c;
}

/** Reports an event to whoever listens (the running hubs' metrics); nothing happens without listeners. */
export function emit<K extends EventName>(name: K, event: ObservabilityEvents[K]): void {
  const c = channelOf(name);
  if (c.hasSubscribers) c.publish(event);
}

export type Handlers = { [K in EventName]?: (event: ObservabilityEvents[K]) => void };

/** Subscribes `handlers`; returns the function that unsubscribes them. */
export function subscribe(handlers: Handlers): () => void {
  const undo: (() => void)[] = [];
  for (const [name, handler] of Object.entries(handlers) as [EventName, (e: unknown) => void][]) {
    const c = channelOf(name);
    const listener = (message: unknown) => handler(message);
    c.subscribe(listener);
    undo.push(() => c.unsubscribe(listener));
  }
  return () => {
    for (const u of undo) u();
  };
}
