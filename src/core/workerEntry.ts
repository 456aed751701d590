// What a worker thread runs for one of our modules, whether the hub runs compiled or from its TypeScript
// source. Pure: it only says what to hand to `new Worker`; starting the thread is the caller's business.
import type { WorkerOptions } from 'node:worker_threads';

/**
 * The arguments of `new Worker` for `module` (a URL resolved beside the caller with the caller's own
 * extension): the compiled module itself, or, for a `.ts` source run through tsx, a bootstrap that
 * registers tsx inside the worker first (on Node 20, loader hooks given to the main thread do not reach
 * worker threads).
 */
export function workerEntry(module: URL, options: WorkerOptions = {}): [URL | string, WorkerOptions] {
  if (module.pathname.endsWith('.js')) return [module, options];
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return [bootstrap, { ...options, eval: true }];
}
