// GET /api/v1/system/activity: what the hub received over the last hour, per organisation in 5-minute
// buckets, the ingests it refused and the notification relay's counters, for the operations page.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { SystemStatusService } from '../../ops/index.js';
import type { Identity } from '../index.js';
import { personSecurity, responses } from './schemas.js';

const Activity = Type.Object({
  since: Type.String({ format: 'date-time', description: 'Start of the first bucket' }),
  bucketSeconds: Type.Integer(),
  ingest: Type.Array(
    Type.Object({
      orgId: Type.Union([Type.String(), Type.Null()], { description: 'Owner of the authority, if any' }),
      authority: Type.String({ description: 'naming_authority of the observations' }),
      observations: Type.Integer({ description: 'Observations received in the window' }),
      buckets: Type.Array(Type.Integer(), { description: 'Observations received per bucket, oldest first' }),
    }),
  ),
  rejected: Type.Array(
    Type.Object({
      orgId: Type.Union([Type.String(), Type.Null()]),
      count: Type.Integer({ description: 'Ingests refused (ingest.rejected audit events)' }),
    }),
  ),
  relay: Type.Record(Type.String(), Type.Integer(), {
    description:
      'Notification relay counters since the start: delivered, messages, invalid, expired, publishFailures',
  }),
});

const WINDOW_SECONDS = 3600;
const BUCKET_SECONDS = 300;

export function getSystemActivity(
  app: FastifyInstance,
  identity: Identity,
  system: SystemStatusService,
): void {
  app.get(
    '/api/v1/system/activity',
    {
      config: { permission: 'system:read' },
      schema: {
        operationId: 'getSystemActivity',
        summary: 'Ingest and notification activity over the last hour',
        tags: ['system'],
        security: personSecurity,
        response: responses({ 200: Activity }),
      },
    },
    async (request) => {
      const activity = await system.activity(request.principal, WINDOW_SECONDS, BUCKET_SECONDS);
      const sinceMs = Date.parse(activity.since);
      const owners = await identity.authorities.organisationsOf();
      const count = WINDOW_SECONDS / BUCKET_SECONDS + 1;
      const byAuthority = new Map<string, number[]>();
      for (const b of activity.ingest) {
        const buckets = byAuthority.get(b.authority) ?? new Array<number>(count).fill(0);
        const i = Math.min(count - 1, Math.floor((b.bucketMs - sinceMs) / (BUCKET_SECONDS * 1000)));
        buckets[i] = (buckets[i] ?? 0) + b.observations;
        byAuthority.set(b.authority, buckets);
      }
      const refused = await identity.audit.find(request.principal, {
        action: 'ingest.rejected',
        sinceMs,
        limit: 1000,
      });
      const rejected = new Map<string | null, number>();
      for (const e of refused) rejected.set(e.orgId, (rejected.get(e.orgId) ?? 0) + 1);
      return {
        since: activity.since,
        bucketSeconds: activity.bucketSeconds,
        ingest: [...byAuthority].map(([authority, buckets]) => ({
          orgId: owners.get(authority) ?? null,
          authority,
          observations: buckets.reduce((a, b) => a + b, 0),
          buckets,
        })),
        rejected: [...rejected].map(([orgId, n]) => ({ orgId, count: n })),
        relay: activity.relay,
      };
    },
  );
}
