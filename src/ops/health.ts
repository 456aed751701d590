// GET /health (the process is alive) and GET /ready (it can serve: database and broker reachable).
import type { FastifyInstance } from 'fastify';
import { publicRoutes, rateLimitGroup } from '../gateway/index.js';
import { Type } from 'typebox';

export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; throws with the reason otherwise. */
  check(): Promise<void> | void;
}

/** Runs every check; `results` maps each name to `ok` or the reason it failed. */
export async function runChecks(checks: readonly ReadinessCheck[]) {
  const results: Record<string, string> = {};
  let ready = true;
  for (const c of checks) {
    try {
      await c.check();
      results[c.name] = 'ok';
    } catch (err) {
      ready = false;
      results[c.name] = (err as Error).message;
    }
  }
  return { ready, results };
}

const Checks = Type.Record(Type.String(), Type.String());

export function healthRoutes(checks: readonly ReadinessCheck[]) {
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
          summary: 'Readiness: the database and the MQTT broker are reachable',
          tags: ['operations'],
          response: {
            200: Type.Object({ status: Type.Literal('ready'), checks: Checks }),
            503: Type.Object({ status: Type.Literal('not ready'), checks: Checks }),
          },
        },
      },
      async (_request, reply) => {
        const { ready, results } = await runChecks(checks);
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
      },
    );
  };
}
