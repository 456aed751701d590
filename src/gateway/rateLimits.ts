// Request limits per route group (ARCHITECTURE.md §6.8: route data). Each route names its group in
// `config.rateLimitGroup`; the gateway's hook calls `limit` once the caller is known. A caller is counted
// by its own identity (API key, person, OIDC client or, without credentials, its address) and, in the
// organisation groups, with all callers of its organisation together. @fastify/rate-limit counts
// (createRateLimit) in the hub's counter store (memory or Redis). Answers carry RateLimit-Limit,
// RateLimit-Remaining, RateLimit-Reset and RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers) of the
// tighter count; a refusal is a 429 problem with Retry-After.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../core/access.js';
import { formatDurationSeconds } from '../core/duration.js';
import { ObshubError } from '../core/errors.js';
import {
  addressKey,
  isOrganisationGroup,
  rateLimitGroups,
  type CounterStore,
  type GroupLimit,
  type RateLimitGroup,
} from '../core/limits.js';

export interface RateLimitOptions {
  /** RATE_LIMITS: off leaves every request unlimited. */
  enabled: boolean;
  counters: CounterStore;
  /** The limits of `group` for a caller of `orgId` (null: a caller of no organisation). */
  limitFor(orgId: string | null, group: RateLimitGroup): Promise<GroupLimit>;
}

type Bucket = 'caller' | 'organisation';
type Check = ReturnType<FastifyInstance['createRateLimit']>;
type Counted = Exclude<Awaited<ReturnType<Check>>, { isAllowed: true }>;

/** @fastify/rate-limit's store on top of the hub's counters (one store for every group: keys name it). */
function pluginStore(counters: CounterStore): fastifyRateLimit.FastifyRateLimitStoreCtor {
  return class CountersStore implements fastifyRateLimit.FastifyRateLimitStore {
    incr(
      key: string,
      done: (error: Error | null, result?: { current: number; ttl: number }) => void,
      windowMs: number,
    ) {
      counters.hit(key, windowMs).then(
        ({ count, resetMs }) => done(null, { current: count, ttl: resetMs }),
        (err: Error) => done(err),
      );
    }
    child(): fastifyRateLimit.FastifyRateLimitStore {
      return this;
    }
  };
}

function callerKey(principal: Principal, request: FastifyRequest): string {
  return principal.role === null ? `address:${addressKey(request.ip)}` : principal.actor;
}

function whose(principal: Principal, bucket: Bucket): string {
  if (bucket === 'organisation') return `of organisation "${principal.orgId}"`;
  if (principal.via === 'anonymous') return 'of this address';
  if (principal.via === 'api-key') return 'of this API key';
  return principal.userId ? 'of this account' : 'of this client';
}

function setHeaders(reply: FastifyReply, counted: Counted): void {
  void reply.header('ratelimit-limit', counted.max);
  void reply.header('ratelimit-remaining', counted.remaining);
  void reply.header('ratelimit-reset', counted.ttlInSeconds);
  void reply.header('ratelimit-policy', `${counted.max};w=${Math.round(counted.timeWindow / 1000)}`);
}

/** Registers @fastify/rate-limit (no route limited by itself) and returns the gateway's check. */
export async function installRateLimits(
  app: FastifyInstance,
  options: RateLimitOptions,
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<void>> {
  await app.register(fastifyRateLimit, { global: false, store: pluginStore(options.counters) });
  const limitOf = (request: FastifyRequest, group: RateLimitGroup) =>
    options.limitFor(request.principal.orgId, group);
  const checker = (group: RateLimitGroup, bucket: Bucket): Check =>
    app.createRateLimit({
      keyGenerator: (request) =>
        `rate:${group}:${bucket === 'caller' ? callerKey(request.principal, request) : `org:${request.principal.orgId}`}`,
      timeWindow: async (request) => (await limitOf(request, group)).windowMs,
      max: async (request) => {
        const limit = await limitOf(request, group);
        return bucket === 'caller' ? limit.perCaller : (limit.perOrganisation ?? limit.perCaller);
      },
    });
  const checks = Object.fromEntries(
    rateLimitGroups.map((group) => [
      group,
      { caller: checker(group, 'caller'), organisation: checker(group, 'organisation') },
    ]),
  ) as Record<RateLimitGroup, Record<Bucket, Check>>;

  return async function limit(request, reply) {
    const group = request.routeOptions.config?.rateLimitGroup;
    if (!options.enabled || group === undefined || group === 'none') return;
    const { principal } = request;
    const buckets: Bucket[] =
      principal.orgId !== null && isOrganisationGroup(group) ? ['caller', 'organisation'] : ['caller'];
    let tightest: Counted | undefined;
    for (const bucket of buckets) {
      const counted = await checks[group][bucket](request);
      if (counted.isAllowed) continue;
      if (counted.isExceeded) {
        setHeaders(reply, counted);
        void reply.header('retry-after', counted.ttlInSeconds);
        throw new ObshubError(
          'RATE_LIMITED',
          `the ${group} limit ${whose(principal, bucket)}, ${counted.max} requests per ${formatDurationSeconds(Math.round(counted.timeWindow / 1000))}, is used up; try again in ${counted.ttlInSeconds} s`,
        );
      }
      if (!tightest || counted.remaining < tightest.remaining) tightest = counted;
    }
    if (tightest) setHeaders(reply, tightest);
  };
}
