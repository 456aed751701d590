// Encryption at rest for the secrets the hub must be able to read back (OIDC signing keys, TOTP secrets,
// OIDC client secrets): AES-256-GCM with a key derived from OBSHUB_SECRET by HKDF-SHA256, one derived key
// per purpose, so a value sealed for one purpose cannot be opened as another.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('OBSHUB_SECRET must be at least 32 characters');
  }

  private key(purpose: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secret, 'obshub', `obshub:${purpose}`, 32));
      this.keys.set(purpose, key);
    }
    return key;
  }

  /** Encrypts `plaintext`; the result is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  seal(purpose: string, plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(purpose), iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((p) => p.toString('base64url')).join('.');
  }

  /** Decrypts what `seal` produced for the same purpose; throws when it was altered or sealed otherwise. */
  open(purpose: string, sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) {
      throw new Error('not a sealed value');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key(purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
