// What GET /api/v1/system shows platform admins and maintainers: version, deployment, readiness, outbox
// backlog and the effective configuration with every secret hidden.
import { readFileSync } from 'node:fs';
import { can, type Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';
import type { IngestBucket } from '../storage/index.js';
import { runChecks, type ReadinessCheck } from './health.js';

let version: string | undefined;

/** The program's version, from package.json (read once, on first use; src/ and dist/ sit at the same depth). */
export function obshubVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}

const SECRET_NAME = /secret|password|token|credential|privatekey/i;

/** The configuration with secrets replaced by `***` and passwords taken out of URLs. */
export function redactedConfig(config: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && SECRET_NAME.test(key)) out[key] = '***';
    else if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) {
      try {
        const url = new URL(value);
        if (url.password) url.password = '***';
        out[key] = url.toString();
      } catch {
        out[key] = '***';
      }
    } else out[key] = value ?? null;
  }
  return out;
}

export interface SystemStatusSources {
  config: object;
  database: { kind: string; description: string };
  broker: { description: string };
  checks: readonly ReadinessCheck[];
  outbox(): Promise<{ depth: number; oldestMs: number | null }>;
  /** Observations received per naming authority and time bucket. */
  ingestActivity(sinceMs: number, bucketSeconds: number): Promise<IngestBucket[]>;
  /** The notification relay's counters since the start. */
  relay(): Readonly<Record<string, number>>;
}

export interface SystemActivity {
  since: string;
  bucketSeconds: number;
  ingest: IngestBucket[];
  relay: Readonly<Record<string, number>>;
}

export interface SystemStatus {
  version: string;
  node: string;
  uptimeSeconds: number;
  deployment: { database: string; databaseDescription: string; broker: string };
  ready: boolean;
  checks: Record<string, string>;
  outbox: { depth: number; oldestAgeSeconds: number | null };
  config: Record<string, unknown>;
}

export class SystemStatusService {
  constructor(private readonly sources: SystemStatusSources) {}

  private permit(principal: Principal): void {
    if (!principal.role) throw new ObshubError('UNAUTHENTICATED', 'this needs credentials with system:read');
    if (!can(principal, 'system:read'))
      throw new ObshubError('FORBIDDEN', `the role ${principal.role} lacks system:read`);
  }

  /** What was received over the last `windowSeconds`, in buckets, and the relay's counters. */
  async activity(principal: Principal, windowSeconds = 3600, bucketSeconds = 300): Promise<SystemActivity> {
    this.permit(principal);
    const sinceMs =
      Math.floor((Date.now() - windowSeconds * 1000) / (bucketSeconds * 1000)) * bucketSeconds * 1000;
    return {
      since: new Date(sinceMs).toISOString(),
      bucketSeconds,
      ingest: await this.sources.ingestActivity(sinceMs, bucketSeconds),
      relay: this.sources.relay(),
    };
  }

  async status(principal: Principal): Promise<SystemStatus> {
    this.permit(principal);
    const { ready, results: checks } = await runChecks(this.sources.checks);
    let outbox: SystemStatus['outbox'];
    try {
      const stats = await this.sources.outbox();
      outbox = {
        depth: stats.depth,
        oldestAgeSeconds: stats.oldestMs === null ? null : Math.max(0, (Date.now() - stats.oldestMs) / 1000),
      };
    } catch {
      outbox = { depth: -1, oldestAgeSeconds: null };
    }
    return {
      version: obshubVersion(),
      node: process.version,
      uptimeSeconds: Math.round(process.uptime()),
      deployment: {
        database: this.sources.database.kind,
        databaseDescription: this.sources.database.description,
        broker: this.sources.broker.description,
      },
      ready,
      checks,
      outbox,
      config: redactedConfig(this.sources.config),
    };
  }
}
