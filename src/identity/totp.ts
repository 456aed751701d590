// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app expects) and
// one-time recovery codes.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'obshub';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

/** The time step of a valid code (one step of clock drift either way), or null. */
export function verifyTotp(secretBase32: string, code: string, nowMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, '').validate({ token: code, timestamp: nowMs, window: 1 });
  return delta === null ? null : Math.floor(nowMs / 30_000) + delta;
}

/** The code of the current step (tests and the CLI use it to act as an authenticator app). */
export function currentTotp(secretBase32: string, nowMs = Date.now()): string {
  return totpFor(secretBase32, '').generate({ timestamp: nowMs });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replaceAll('-', '').toLowerCase()).digest('hex');
}

/** Ten codes like `7f3a-9c21-b04e`, each usable once instead of a TOTP code. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => (randomBytes(6).toString('hex').match(/.{4}/g) ?? []).join('-'));
}
