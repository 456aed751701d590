// Subscribers of this process, shared by every transport: publishing delivers here first, then sends.
import type { BusEventName, BusEvents, BusHandler } from './events.js';

type AnyHandler = (payload: unknown) => void;

export class LocalSubscribers {
  private readonly handlers = new Map<BusEventName, Set<AnyHandler>>();

  constructor(private readonly onError: (err: unknown, event: BusEventName) => void) {}

  subscribe<E extends BusEventName>(event: E, handler: BusHandler<E>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    const h = handler as AnyHandler;
    set.add(h);
    return () => void set.delete(h);
  }

  deliver<E extends BusEventName>(event: E, payload: BusEvents[E]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        handler(payload);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
