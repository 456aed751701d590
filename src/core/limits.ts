// The vocabulary of rate limits: the route groups, a rate (so many per window), the counting key of an
// address, and the counter store every limit counts in (memory or Redis: gateway/counters*.ts).
import { normalizeIP } from '@fastify/rate-limit';

/** Routes are limited by group; each route declares its group in its `config` (or `none`). */
export const rateLimitGroups = ['ingest', 'query', 'admin', 'sign-in', 'token'] as const;
export type RateLimitGroup = (typeof rateLimitGroups)[number];

/** Groups whose callers are counted per organisation too (and which organisations' overrides change). */
export const organisationGroups = ['ingest', 'query', 'admin'] as const satisfies readonly RateLimitGroup[];
export type OrganisationGroup = (typeof organisationGroups)[number];

export function isOrganisationGroup(group: RateLimitGroup): group is OrganisationGroup {
  return (organisationGroups as readonly string[]).includes(group);
}

/** So many events per window. */
export interface Rate {
  max: number;
  windowMs: number;
}

/** The limits of a route group: per caller and, in organisation groups, per organisation, per window. */
export interface GroupLimit {
  windowMs: number;
  perCaller: number;
  /** All callers of one organisation together (organisation groups only). */
  perOrganisation?: number;
}

/** The counting key of an address: IPv4 as it is, IPv6 by its /64 network (what one host holds). */
export function addressKey(ip: string): string {
  return normalizeIP(ip, 64);
}

/** A counter's state: hits in its current window and the milliseconds until the window ends. */
export interface Count {
  count: number;
  resetMs: number;
}

/**
 * Counters in fixed windows, shared by every limit (request rates, failed authentications, lockouts).
 * A window starts at the first hit of its key and ends `windowMs` later; then the key counts from zero.
 */
export interface CounterStore {
  /** Counts one hit of `key`; a new window of `windowMs` starts when none is running. */
  hit(key: string, windowMs: number): Promise<Count>;
  /** The state of `key` without counting (0 hits when no window runs). */
  peek(key: string): Promise<Count>;
  /** Ends the window of `key` now. */
  reset(key: string): Promise<void>;
}
