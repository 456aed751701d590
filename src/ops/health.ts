// GET /health (the process is alive) and GET /ready (it can serve: database and broker reachable).
import type { FastifyInstance } from 'fastify';
import { publicRoutes, rateLimitGroup } from '../gateway/index.js';
import { Type } from 'typebox';

export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; throws with the reason otherwise. */
  check(): Promise<void> | void;
}

/** A check that does not answer within this time fails (a stalled connection must not stall /ready). */
const CHECK_TIMEOUT_MS = 2000;

function withDeadline(name: string, check: () => Promise<void> | void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name} did not answer within ${CHECK_TIMEOUT_MS / 1000} s`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([Promise.resolve().then(check), deadline]).finally(() => clearTimeout(timer));
}

/** Runs every check at once; `results` maps each name to `ok` or the reason it failed. */
export async function runChecks(checks: readonly ReadinessCheck[]) {
  const outcomes = await Promise.allSettled(checks.map((c) => withDeadline(c.name, () => c.check())));
  const results: Record<string, string> = {};
  outcomes.forEach((outcome, i) => {
    results[checks[i]!.name] = outcome.status === 'fulfilled' ? 'ok' : (outcome.reason as Error).message;
  });
  return { ready: outcomes.every((o) => o.status === 'fulfilled'), results };
}

const Checks = Type.Record(Type.String(), Type.String());
const Services = Type.Array(Type.String(), { description: 'The service roles this process runs' });

/** `services`: the roles the process runs, listed by /ready for operators and probes. */
export function healthRoutes(checks: readonly ReadinessCheck[], services: readonly string[] = []) {
  return async function health(app: FastifyInstance): Promise<void> {
    publicRoutes(app);
    // Orchestrators probe these all the time: never limited.
    rateLimitGroup(app, 'none');
    app.get(
      '/health',
      {
        schema: {
          operationId: 'getHealth',
          summary: 'Liveness: the process is running',
          tags: ['operations'],
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/ready',
      {
        schema: {
          operationId: 'getReady',
          summary:
            'Readiness: the database and the MQTT broker answer, and the announcement relay is not stuck',
          tags: ['operations'],
          response: {
            200: Type.Object({ status: Type.Literal('ready'), services: Services, checks: Checks }),
            503: Type.Object({ status: Type.Literal('not ready'), services: Services, checks: Checks }),
          },
        },
      },
      async (_request, reply) => {
        const { ready, results } = await runChecks(checks);
        return reply
          .code(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'not ready', services, checks: results });
      },
    );
  };
}
