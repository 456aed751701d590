// GET /api/v1/me/sessions, DELETE /api/v1/me/sessions/{id}, DELETE /api/v1/me/sessions: the caller's
// sessions of the web app (each browser that signed in), and signing one, or all the others, out.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { IdParams, NoContent, personSecurity, responses } from './schemas.js';

const time = (description: string) => Type.String({ format: 'date-time', description });

export const WebSession = Type.Object({
  id: Type.String({ description: 'The session (its OIDC grant)' }),
  userAgent: Type.Union([Type.String(), Type.Null()], {
    description: 'The browser that signed in (its User-Agent header)',
  }),
  source: Type.Union([Type.String(), Type.Null()], {
    description: 'The address it last fetched a token from',
  }),
  signedInAt: time('When it signed in'),
  lastSeenAt: time('When it last fetched a token (access tokens last 10 minutes)'),
  current: Type.Boolean({ description: 'The session of this request' }),
});

/** The grant of the request's access token (the web app's tokens carry it), if any. */
export function currentGrant(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match || request.principal.via !== 'token') return undefined;
  try {
    const grant = decodeJwt(match[1]!).grant_id;
    return typeof grant === 'string' ? grant : undefined;
  } catch {
    return undefined;
  }
}

export function mySessions(app: FastifyInstance, identity: Identity): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/me/sessions',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'getMySessions',
        summary: 'Your sessions of the web app',
        description:
          'Each browser signed in to the web app, with when it signed in and was last seen; the session of this request is marked current.',
        tags: ['account'],
        security: personSecurity,
        response: responses({ 200: Type.Object({ sessions: Type.Array(WebSession) }) }),
      },
    },
    async (request) => ({
      sessions: await identity.sessions.list(request.principal, currentGrant(request)),
    }),
  );
  api.delete(
    '/api/v1/me/sessions/:id',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'deleteMySession',
        summary: 'Sign a session out',
        description:
          'Ends the session at the hub: its refresh tokens stop working, its access tokens are refused, and the browser must sign in again.',
        tags: ['account'],
        security: personSecurity,
        params: IdParams,
        response: responses({ 204: NoContent }, [404]),
      },
    },
    async (request, reply) => {
      await identity.sessions.revoke(request.principal, request.params.id, request.ip);
      return reply.code(204).send();
    },
  );
  api.delete(
    '/api/v1/me/sessions',
    {
      config: { permission: 'account:manage' },
      schema: {
        operationId: 'deleteMyOtherSessions',
        summary: 'Sign out every other session',
        description: 'Ends every session of the caller but the one of this request.',
        tags: ['account'],
        security: personSecurity,
        response: responses({
          200: Type.Object({ signedOut: Type.Integer({ description: 'How many sessions were ended' }) }),
        }),
      },
    },
    async (request) => ({
      signedOut: await identity.sessions.revokeOthers(request.principal, currentGrant(request), request.ip),
    }),
  );
}
