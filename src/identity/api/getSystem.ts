// GET /api/v1/system: version, deployment, readiness, outbox backlog and configuration (no secrets), for
// platform admins and maintainers.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { SystemStatusService } from '../../ops/index.js';
import { personSecurity, responses } from './schemas.js';

const SystemStatus = Type.Object({
  version: Type.String(),
  node: Type.String({ description: 'Node.js version' }),
  uptimeSeconds: Type.Integer(),
  deployment: Type.Object({
    database: Type.String({ description: '`pglite` (embedded) or `postgres`' }),
    databaseDescription: Type.String(),
    broker: Type.String(),
  }),
  ready: Type.Boolean(),
  checks: Type.Record(Type.String(), Type.String(), { description: '`ok`, or why a check failed' }),
  outbox: Type.Object({
    depth: Type.Integer({ description: 'Observations not yet announced over MQTT (-1: unknown)' }),
    oldestAgeSeconds: Type.Union([Type.Number(), Type.Null()]),
  }),
  config: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Effective settings; secrets shown as ***',
  }),
});

export function getSystem(app: FastifyInstance, system: SystemStatusService): void {
  app.get(
    '/api/v1/system',
    {
      config: { permission: 'system:read' },
      schema: {
        operationId: 'getSystem',
        summary: 'System status',
        tags: ['system'],
        security: personSecurity,
        response: responses({ 200: SystemStatus }),
      },
    },
    async (request) => system.status(request.principal),
  );
}
