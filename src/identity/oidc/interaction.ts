// What the sign-in pages share: the interaction's login state (kept in the database, so any replica can
// serve the next step), the CSRF token bound to the interaction, auto-consent for our own clients, and
// finishing the interaction.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Repositories } from '../../storage/index.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Where a sign-in stands after the password was accepted. */
export interface LoginState {
  userId: string;
  /** totp: a code is due; enrol: the person must set up TOTP; done: factors done, recovery codes shown. */
  stage: 'totp' | 'enrol' | 'done';
  amr: string[];
}

const STATE_MODEL = 'ObshubLogin';

export interface InteractionDeps {
  storage: Pick<Repositories, 'oidc'>;
  /** The current provider (it is rebuilt when keys rotate). */
  provider(): Provider;
  /** Key of the CSRF tokens (the current cookie key, shared by every replica). */
  csrfKey(): string;
}

export function csrfToken(deps: InteractionDeps, uid: string): string {
  return createHmac('sha256', deps.csrfKey()).update(`csrf:${uid}`).digest('base64url');
}

export function csrfValid(deps: InteractionDeps, uid: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(csrfToken(deps, uid));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function loadState(deps: InteractionDeps, uid: string): Promise<LoginState | undefined> {
  return (await deps.storage.oidc.findPayload(STATE_MODEL, uid)) as LoginState | undefined;
}

export async function saveState(deps: InteractionDeps, interaction: Interaction, state: LoginState) {
  const ttl = Math.max(interaction.exp - Math.floor(Date.now() / 1000), 1);
  await deps.storage.oidc.upsertPayload(STATE_MODEL, interaction.uid, { ...state }, ttl);
}

export async function clearState(deps: InteractionDeps, uid: string): Promise<void> {
  await deps.storage.oidc.deletePayload(STATE_MODEL, uid);
}

/** The interaction of this request (its cookie must match), or undefined when it expired or is unknown. */
export async function findInteraction(
  deps: InteractionDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Interaction | undefined> {
  try {
    const interaction = await deps.provider().interactionDetails(request.raw, reply.raw);
    const { uid } = request.params as { uid: string };
    return interaction.uid === uid ? interaction : undefined;
  } catch {
    return undefined;
  }
}

/** Hands the result back to the provider and redirects the browser to resume the authorization. */
export async function finish(
  deps: InteractionDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  result: Parameters<Provider['interactionResult']>[2],
) {
  const returnTo = await deps
    .provider()
    .interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
  return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
}

/**
 * Consent for our own clients is implicit: the grant gets what the client asked for (the clients are the
 * hub's web app and organisations' services, never third parties).
 */
export async function grantConsent(
  deps: InteractionDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  interaction: Interaction,
) {
  const provider = deps.provider();
  const { prompt, params, session } = interaction;
  const details = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: params.client_id as string });
  if (!grant) throw new Error('the grant of this interaction is gone');
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return finish(deps, request, reply, { consent: interaction.grantId ? {} : { grantId } });
}
