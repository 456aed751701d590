// GET /api/v1/audit: the audit log, newest first, in pages linked by a `before` cursor.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { auditActions } from '../audit.js';
import type { Identity } from '../identity.js';
import { AuditEvent, personSecurity, responses } from './schemas.js';
import { publicAuditEvent } from './wire.js';

const Query = Type.Object({
  action: Type.Optional(Type.Union(auditActions.map((a) => Type.Literal(a)))),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after (RFC 3339)' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Events before (RFC 3339)' })),
  orgId: Type.Optional(Type.String({ description: "One organisation's events (platform-wide roles)" })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Events per page' }),
  ),
  before: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Events older than this id (the next page)' }),
  ),
});

const Page = Type.Object({
  events: Type.Array(AuditEvent),
  next: Type.Union([Type.String(), Type.Null()], { description: 'The next (older) page, if there is one' }),
});

export function getAuditEvents(app: FastifyInstance, identity: Identity): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        operationId: 'getAuditEvents',
        summary: 'The audit log',
        description:
          "Security-relevant actions with actor, time, source address and outcome, newest first. Platform admins and maintainers read all of it; org admins their organisation's events.",
        tags: ['audit'],
        security: personSecurity,
        querystring: Query,
        response: responses({ 200: Page }),
      },
    },
    async (request) => {
      const { action, since, until, orgId, limit = 100, before } = request.query;
      const found = await identity.audit.find(request.principal, {
        action,
        orgId,
        sinceMs: since === undefined ? undefined : Date.parse(since),
        untilMs: until === undefined ? undefined : Date.parse(until),
        beforeId: before,
        limit: limit + 1,
      });
      const events = found.slice(0, limit);
      let next: string | null = null;
      if (found.length > limit) {
        const query = new URLSearchParams();
        for (const [key, value] of Object.entries({ action, since, until, orgId })) {
          if (value !== undefined) query.set(key, value);
        }
        query.set('limit', String(limit));
        query.set('before', String(events[events.length - 1]!.id));
        next = `/api/v1/audit?${query.toString()}`;
      }
      return { events: events.map(publicAuditEvent), next };
    },
  );
}
