// The in-process bus: one process runs every role (the embedded database), so the events never leave it.
import type { BusEventName, BusEvents, BusHandler, EventBus } from './events.js';
import { LocalSubscribers } from './local.js';

export function memoryBus(onError: (err: unknown, event: BusEventName) => void): EventBus {
  const local = new LocalSubscribers(onError);
  return {
    kind: 'memory',
    description: 'in-process',
    publish: async <E extends BusEventName>(event: E, payload: BusEvents[E]) => local.deliver(event, payload),
    subscribe: <E extends BusEventName>(event: E, handler: BusHandler<E>) => local.subscribe(event, handler),
    ready: async () => undefined,
    close: async () => local.clear(),
  };
}
