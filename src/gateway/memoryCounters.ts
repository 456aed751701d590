// Counters in this process's memory: the store of a single hub, and the fallback of every replica while
// Redis is unreachable. Bounded: ended windows are swept, and beyond `maxKeys` the oldest keys go first.
import type { Count, CounterStore } from '../core/limits.js';

interface Window {
  count: number;
  endsAt: number;
}

const SWEEP_EVERY_MS = 10_000;

export class MemoryCounters implements CounterStore {
  /** Key → its window, in the order the windows started (a Map keeps insertion order). */
  private readonly windows = new Map<string, Window>();
  private sweptAt = Date.now();

  constructor(private readonly maxKeys = 100_000) {}

  async hit(key: string, windowMs: number): Promise<Count> {
    const now = Date.now();
    this.sweep(now);
    let window = this.running(key, now);
    if (!window) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.delete(key);
      this.windows.set(key, window);
      if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    }
    window.count++;
    return { count: window.count, resetMs: window.endsAt - now };
  }

  async peek(key: string): Promise<Count> {
    const now = Date.now();
    const window = this.running(key, now);
    return window ? { count: window.count, resetMs: window.endsAt - now } : { count: 0, resetMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private running(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
