// GET /oidc/interaction/{uid}: the provider sends the browser here when it needs the person to sign in
// (password, then a TOTP or recovery code, or TOTP enrolment) or to consent (implicit for our clients).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Identity } from '../identity.js';
import { userPrincipal } from '../identity.js';
import { csrfToken, findInteraction, grantConsent, loadState, type InteractionDeps } from './interaction.js';
import { WEB_CLIENT_ID } from './provider.js';
import { enrolPage, errorPage, passwordPage, totpPage, type FormContext } from './pages.js';

export const INTERACTION_PARAMS = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

export function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )
    .send(html);
}

export function expired(reply: FastifyReply) {
  return sendPage(
    reply,
    400,
    errorPage(
      '<p>This sign-in page has expired or was opened elsewhere. Go back to the app and sign in again.</p>',
    ),
  );
}

/** The page's forms post back to the page itself (a relative URL: right behind a path-prefixing proxy too). */
export function formContext(
  deps: InteractionDeps,
  uid: string,
  clientId: unknown,
  error?: string,
): FormContext {
  const clientName = clientId === WEB_CLIENT_ID ? 'the obshub web app' : String(clientId);
  return { action: uid, csrf: csrfToken(deps, uid), error, clientName };
}

export function getInteraction(app: FastifyInstance, deps: InteractionDeps, identity: Identity): void {
  app.get(
    '/oidc/interaction/:uid',
    {
      config: { permission: 'public', rateLimitGroup: 'sign-in' },
      schema: { hide: true, params: INTERACTION_PARAMS },
    },
    async (request, reply) => {
      const interaction = await findInteraction(deps, request, reply);
      if (!interaction) return expired(reply);
      if (interaction.prompt.name === 'consent') return grantConsent(deps, request, reply, interaction);
      const ctx = formContext(deps, interaction.uid, interaction.params.client_id);
      const state = await loadState(deps, interaction.uid);
      if (state?.stage === 'totp') return sendPage(reply, 200, totpPage(ctx));
      if (state?.stage === 'enrol') {
        const user = await identity.users.account(state.userId);
        if (!user) return expired(reply);
        const enrolment = await identity.users.enrolTotp(userPrincipal(user, 'session'), request.ip);
        return sendPage(reply, 200, enrolPage(ctx, enrolment));
      }
      return sendPage(
        reply,
        200,
        passwordPage(ctx, (interaction.params.login_hint as string | undefined) ?? ''),
      );
    },
  );
}
