// The master secret behind encryption at rest: OBSHUB_SECRET, or on the embedded default a random one
// kept in DATA_DIR/obshub.secret (readable by the owner only).
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export const SECRET_FILE = 'obshub.secret';

export function resolveMasterSecret(
  config: { obshubSecret: string | undefined; databaseUrl: string | undefined; dataDir: string },
  log: Logger,
): string {
  if (config.obshubSecret) return config.obshubSecret;
  if (config.databaseUrl) {
    throw new Error(
      'OBSHUB_SECRET is required with DATABASE_URL: set it to a random string of at least 32 characters (e.g. `openssl rand -base64 48`) and keep it stable',
    );
  }
  const file = path.join(config.dataDir, SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  log.warn(
    { component: 'identity', file },
    `OBSHUB_SECRET is not set: generated one into ${file}; set OBSHUB_SECRET in production`,
  );
  return secret;
}
