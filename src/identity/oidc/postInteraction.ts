// POST /oidc/interaction/{uid}: one step of signing in (password, code, enrolment, continue, cancel).
// The form carries a CSRF token bound to the interaction, whose cookie (SameSite=Lax) must come too.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ObshubError } from '../../core/errors.js';
import type { Identity } from '../identity.js';
import { userPrincipal } from '../identity.js';
import { expired, formContext, INTERACTION_PARAMS, sendPage } from './getInteraction.js';
import {
  clearState,
  csrfValid,
  findInteraction,
  finish,
  loadState,
  saveState,
  type InteractionDeps,
  type LoginState,
} from './interaction.js';
import { totpUri } from '../totp.js';
import { TOTP_PURPOSE } from '../users.js';
import { enrolPage, passwordPage, recoveryCodesPage, totpPage } from './pages.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

const SignInForm = Type.Object({
  csrf: Type.String({ maxLength: 200 }),
  step: Type.Union([
    Type.Literal('password'),
    Type.Literal('totp'),
    Type.Literal('enrol'),
    Type.Literal('continue'),
    Type.Literal('abort'),
  ]),
  username: Type.Optional(Type.String({ maxLength: 254 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  code: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Failures are shown on the page, with the status the error carries (401, 429, 400). */
function failure(err: unknown): { status: number; message: string } {
  if (err instanceof ObshubError && err.status < 500) return { status: err.status, message: err.message };
  throw err;
}

export function postInteraction(app: FastifyInstance, deps: InteractionDeps, identity: Identity): void {
  // Forms post URL-encoded bodies; only this context parses them.
  app.addContentTypeParser(FORM_TYPE, { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/oidc/interaction/:uid',
    {
      config: { permission: 'public', rateLimitGroup: 'sign-in' },
      schema: { hide: true, params: INTERACTION_PARAMS, body: SignInForm },
    },
    async (request, reply) => {
      const form = request.body;
      const interaction = await findInteraction(deps, request, reply);
      if (!interaction) return expired(reply);
      const uid = interaction.uid;
      if (!csrfValid(deps, uid, form.csrf)) {
        throw new ObshubError('FORBIDDEN', 'the form is not from this sign-in; reload the page');
      }
      const page = (
        status: number,
        render: (ctx: ReturnType<typeof formContext>) => string,
        error?: string,
      ) => sendPage(reply, status, render(formContext(deps, uid, interaction.params.client_id, error)));
      const state = await loadState(deps, uid);
      const signedIn = async (s: LoginState) => {
        await clearState(deps, uid);
        return finish(deps, request, reply, { login: { accountId: s.userId, amr: s.amr } });
      };

      switch (form.step) {
        case 'abort':
          await clearState(deps, uid);
          return finish(deps, request, reply, {
            error: 'access_denied',
            error_description: 'the person cancelled signing in',
          });
        case 'password': {
          const username = form.username ?? '';
          try {
            const { user, next } = await identity.signIn.password(username, form.password ?? '', request.ip);
            if (next === 'done') return signedIn({ userId: user.id, stage: 'done', amr: ['pwd'] });
            await saveState(deps, interaction, {
              userId: user.id,
              stage: next === 'totp' ? 'totp' : 'enrol',
              amr: ['pwd'],
            });
            if (next === 'totp') return page(200, totpPage);
            const enrolment = await identity.users.enrolTotp(userPrincipal(user, 'session'), request.ip);
            return page(200, (ctx) => enrolPage(ctx, enrolment));
          } catch (err) {
            const { status, message } = failure(err);
            return page(status, (ctx) => passwordPage(ctx, username), message);
          }
        }
        case 'totp': {
          if (state?.stage !== 'totp') return page(400, passwordPage, 'Sign in with your password first.');
          try {
            await identity.signIn.secondFactor(state.userId, form.code ?? '', request.ip);
          } catch (err) {
            const { status, message } = failure(err);
            return page(status, totpPage, message);
          }
          return signedIn({ ...state, amr: ['pwd', 'otp'] });
        }
        case 'enrol': {
          if (state?.stage !== 'enrol') return page(400, passwordPage, 'Sign in with your password first.');
          const user = await identity.users.account(state.userId);
          if (!user) return expired(reply);
          const principal = userPrincipal(user, 'session');
          let codes: string[];
          try {
            codes = await identity.users.confirmTotp(principal, (form.code ?? '').trim(), request.ip);
          } catch (err) {
            const { status, message } = failure(err);
            // The same key again (the person may have added it already).
            const fresh = await identity.users.account(user.id);
            if (!fresh?.totpSecret) return expired(reply);
            const secret = identity.secrets.open(TOTP_PURPOSE, fresh.totpSecret);
            return page(
              status,
              (ctx) => enrolPage(ctx, { secret, uri: totpUri(secret, user.username) }),
              message,
            );
          }
          await saveState(deps, interaction, { ...state, stage: 'done', amr: ['pwd', 'otp'] });
          return page(200, (ctx) => recoveryCodesPage(ctx, codes));
        }
        case 'continue':
          if (state?.stage !== 'done') return page(400, passwordPage, 'Sign in with your password first.');
          return signedIn(state);
      }
    },
  );
}
