// Signing in with the hub's OpenID Connect provider: authorization code + PKCE with the public client
// `obshub-web` (oauth4webapi). Tokens live in sessionStorage (this tab); the access token is refreshed with
// the refresh token shortly before it expires.
import * as oauth from 'oauth4webapi';
import { SESSION_STORE as STORE } from './store';

const CLIENT: oauth.Client = { client_id: 'obshub-web' };
const SCOPE = 'openid profile offline_access read admin';
const PENDING = 'obshub.pending-sign-in';
/** Refresh this long before the access token expires. */
const EARLY_MS = 30_000;

interface Tokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresAt: number;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const origin = () => window.location.origin;
const redirectUri = () => `${origin()}/app/callback`;
/** oauth4webapi insists on https; the hub on a developer's machine speaks http. */
const options = (): { [oauth.allowInsecureRequests]?: boolean } =>
  window.location.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};

let server: Promise<oauth.AuthorizationServer> | undefined;

function authorizationServer(): Promise<oauth.AuthorizationServer> {
  server ??= (async () => {
    const issuer = new URL(`${origin()}/oidc`);
    const response = await oauth.discoveryRequest(issuer, options());
    return oauth.processDiscoveryResponse(issuer, response);
  })().catch((err: unknown) => {
    server = undefined;
    throw err;
  });
  return server;
}

function read<T>(key: string): T | undefined {
  const text = sessionStorage.getItem(key);
  return text ? (JSON.parse(text) as T) : undefined;
}

function store(result: oauth.TokenEndpointResponse, previous?: Tokens): Tokens {
  const tokens: Tokens = {
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? previous?.refreshToken,
    idToken: result.id_token ?? previous?.idToken,
    expiresAt: Date.now() + (result.expires_in ?? 600) * 1000,
  };
  sessionStorage.setItem(STORE, JSON.stringify(tokens));
  return tokens;
}

export function hasSession(): boolean {
  return read<Tokens>(STORE) !== undefined;
}

export function forgetSession(): void {
  sessionStorage.removeItem(STORE);
}

/** Goes to the provider's sign-in page; comes back to `returnTo` (a path of the app). */
export async function signIn(returnTo: string): Promise<void> {
  const as = await authorizationServer();
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT.client_id,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: SCOPE,
    // OIDC Core §11: a refresh token (offline_access) needs prompt=consent; the hub's consent is implicit.
    prompt: 'consent',
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.href);
}

/** Completes the sign-in at /app/callback; answers the path to go back to. */
export async function completeSignIn(currentUrl: URL): Promise<string> {
  const pending = read<Pending>(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('no sign-in is pending');
  const as = await authorizationServer();
  const params = oauth.validateAuthResponse(as, CLIENT, currentUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    CLIENT,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    options(),
  );
  store(await oauth.processAuthorizationCodeResponse(as, CLIENT, response, { expectedNonce: pending.nonce }));
  return pending.returnTo.startsWith('/app/') ? pending.returnTo : '/app/';
}

let refreshing: Promise<Tokens | undefined> | undefined;

async function refresh(tokens: Tokens): Promise<Tokens | undefined> {
  if (!tokens.refreshToken) return undefined;
  const as = await authorizationServer();
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      CLIENT,
      oauth.None(),
      tokens.refreshToken,
      options(),
    );
    return store(await oauth.processRefreshTokenResponse(as, CLIENT, response), tokens);
  } catch (err) {
    // A refused refresh token ends the session; a network failure keeps it for the next try.
    if (err instanceof oauth.ResponseBodyError) forgetSession();
    throw err;
  }
}

/** A valid access token, refreshed when needed; undefined when not signed in. */
export async function accessToken(): Promise<string | undefined> {
  const tokens = read<Tokens>(STORE);
  if (!tokens) return undefined;
  if (tokens.expiresAt - EARLY_MS > Date.now()) return tokens.accessToken;
  refreshing ??= refresh(tokens).finally(() => {
    refreshing = undefined;
  });
  return (await refreshing)?.accessToken;
}

/** Ends the session here and at the provider (which asks to confirm, then returns to the map). */
export async function signOut(): Promise<void> {
  const tokens = read<Tokens>(STORE);
  forgetSession();
  const as = await authorizationServer();
  if (!as.end_session_endpoint) {
    window.location.assign('/app/');
    return;
  }
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', CLIENT.client_id);
  url.searchParams.set('post_logout_redirect_uri', `${origin()}/app/`);
  if (tokens?.idToken) url.searchParams.set('id_token_hint', tokens.idToken);
  window.location.assign(url.href);
}
