// The provider's keys: signing keys (private JWKs) and cookie keys, generated on first start and kept in
// the database sealed with OBSHUB_SECRET. Rotation adds a new key that signs from then on; the previous
// ones stay in the JWKS (and keep verifying the tokens they signed) until retired.
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Principal } from '../../core/access.js';
import type { SecretBox } from '../../core/secretBox.js';
import type { AuditLog } from '../audit.js';
import type { OidcKeyUse, Repositories } from '../../storage/index.js';

/** Where the keys are kept. */
type KeyStore = Pick<Repositories, 'oidc'>;

export const SIGNING_KEY_PURPOSE = 'oidc-signing-key';
export const COOKIE_KEY_PURPOSE = 'oidc-cookie-key';
export const SIGNING_ALG = 'RS256';

export interface ProviderKeys {
  /** Private signing JWKs, newest (the one that signs) first. */
  signing: JWK[];
  /** Cookie signing keys, newest first. */
  cookie: string[];
}

async function newSigningKey(secrets: SecretBox): Promise<{ id: string; use: OidcKeyUse; sealed: string }> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const full: JWK = { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' };
  return { id: kid, use: 'sig', sealed: secrets.seal(SIGNING_KEY_PURPOSE, JSON.stringify(full)) };
}

function newCookieKey(secrets: SecretBox): { id: string; use: OidcKeyUse; sealed: string } {
  return {
    id: `cookie-${randomBytes(8).toString('hex')}`,
    use: 'cookie',
    sealed: secrets.seal(COOKIE_KEY_PURPOSE, randomBytes(32).toString('base64url')),
  };
}

/** Creates the first keys when there are none (several processes may start at once). */
export async function ensureKeys(storage: KeyStore, secrets: SecretBox): Promise<void> {
  const [signing, cookie] = await Promise.all([
    storage.oidc.listKeys('sig'),
    storage.oidc.listKeys('cookie'),
  ]);
  if (signing.length > 0 && cookie.length > 0) return;
  await storage.oidc.insertFirstKeys([await newSigningKey(secrets), newCookieKey(secrets)]);
}

/** The unretired keys, opened. */
export async function loadKeys(storage: KeyStore, secrets: SecretBox): Promise<ProviderKeys> {
  const [signing, cookie] = await Promise.all([
    storage.oidc.listKeys('sig'),
    storage.oidc.listKeys('cookie'),
  ]);
  try {
    return {
      signing: signing.map((k) => JSON.parse(secrets.open(SIGNING_KEY_PURPOSE, k.sealed)) as JWK),
      cookie: cookie.map((k) => secrets.open(COOKIE_KEY_PURPOSE, k.sealed)),
    };
  } catch (cause) {
    throw new Error(
      'the OIDC keys in the database cannot be opened with this OBSHUB_SECRET; was it changed? Restore the previous one',
      { cause },
    );
  }
}

/**
 * Key rotation (for `obshub admin oidc rotate-keys`; works without the server running): a new signing key
 * signs from now on and a new cookie key signs new cookies; previous keys stay published and accepted
 * until `retireSigningKey`. Running hubs pick the new keys up within a minute. Returns the new key id.
 */
export async function rotateSigningKey(
  storage: KeyStore,
  secrets: SecretBox,
  audited?: { audit: AuditLog; actor: Principal | string },
): Promise<{ kid: string }> {
  await ensureKeys(storage, secrets);
  const signing = await newSigningKey(secrets);
  await storage.oidc.insertKey(signing);
  await storage.oidc.insertKey(newCookieKey(secrets));
  await audited?.audit.record(audited.actor, 'signing-key.rotate', 'success', {
    target: `signing-key:${signing.id}`,
  });
  return { kid: signing.id };
}

/**
 * Retires a previous signing key: it leaves the JWKS and tokens it signed stop verifying. The current
 * signing key cannot be retired (rotate first).
 */
export async function retireSigningKey(storage: KeyStore, kid: string): Promise<void> {
  const keys = await storage.oidc.listKeys('sig');
  if (keys[0]?.id === kid) throw new Error(`key ${kid} is the current signing key; rotate first`);
  if (!keys.some((k) => k.id === kid) || !(await storage.oidc.retireKey(kid))) {
    throw new Error(`no unretired signing key ${kid}`);
  }
}

/** Ids of the unretired signing keys, newest (the current one) first. */
export async function listSigningKeys(storage: KeyStore): Promise<{ kid: string; createdAt: Date }[]> {
  return (await storage.oidc.listKeys('sig')).map((k) => ({ kid: k.id, createdAt: k.createdAt }));
}
