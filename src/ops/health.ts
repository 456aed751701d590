// GET /health (the process is alive) and GET /ready (it can serve: database and broker reachable; and
// where its reads go, with read replicas).
import type { FastifyInstance } from 'fastify';
import { publicRoutes, rateLimitGroup } from '../gateway/index.js';
import { Type, type Static } from 'typebox';

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
const Replicas = Type.Array(
  Type.Object({
    replica: Type.String({ description: 'Host, port and database of the read replica' }),
    lagSeconds: Type.Union([Type.Number(), Type.Null()], {
      description: 'How far it lags the primary (null: unknown, e.g. unreachable)',
    }),
    serving: Type.Boolean({
      description: 'Reads go to it (it lags at most DATABASE_READ_MAX_LAG_S); else to the primary',
    }),
  }),
  { description: 'The read replicas of a query process (DATABASE_READ_URL); absent when it has none' },
);

const readiness = (status: 'ready' | 'not ready') =>
  Type.Object({
    status: Type.Literal(status),
    services: Services,
    checks: Checks,
    replicas: Type.Optional(Replicas),
  });

/**
 * `services`: the roles the process runs, listed by /ready for operators and probes; `replicas`: its read
 * replicas, how far each lags and whether reads go to it (listed when there are any).
 */
export function healthRoutes(
  checks: readonly ReadinessCheck[],
  services: readonly string[],
  replicas: () => Static<typeof Replicas>,
) {
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
            200: readiness('ready'),
            503: readiness('not ready'),
          },
        },
      },
      async (_request, reply) => {
        const { ready, results } = await runChecks(checks);
        const reads = replicas();
        return reply.code(ready ? 200 : 503).send({
          status: ready ? 'ready' : 'not ready',
          services,
          checks: results,
          ...(reads.length > 0 ? { replicas: reads } : {}),
        });
      },
    );
  };
}
