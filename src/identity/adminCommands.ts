// The `obshub admin …` commands: organisations, users, API keys and OIDC signing keys from the command
// line. They act through the identity service as `cli:<os user>` with the platform-admin role, so every
// change is checked and audited like one made through the admin API. Where they run is decided elsewhere:
// in the command's own process on a database it opened, or inside the running hub that holds the
// embedded database (adminSocket.ts).
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  credentialScopes,
  isCredentialScope,
  userRoles,
  type CredentialScope,
  type Principal,
  type UserRole,
} from '../core/access.js';
import { parseDurationSeconds } from '../core/duration.js';
import { ObshubError } from '../core/errors.js';
import type { Repositories } from '../storage/index.js';
import type { Identity } from './identity.js';
import { listSigningKeys, retireSigningKey, rotateSigningKey } from './oidc/index.js';

export interface AdminCliIo {
  out(text: string): void;
  err(text: string): void;
}

export const ADMIN_USAGE = `Usage: obshub admin <object> <action> [options]

Manages organisations, users and API keys in the database of the configuration (DATABASE_URL or the
embedded one in DATA_DIR), whether or not a hub is running: when a hub holds the embedded database, the
command runs inside it and takes effect at once. Every change is recorded in the audit log as
cli:<os user>.

  org create <id> --name <name> [--authority <a> …] [--require-2fa]
  org list
  user create --username <u> --role <role> [--org <id>] [--password <p>]
  user reset-password <username> [--password <p>]
  api-key create --org <id> --scopes ingest,read [--name <n>] [--expires <date or duration>]
  api-key revoke <id>
  oidc keys
  oidc rotate-keys
  oidc retire-key <kid>

Each takes --config <file> and --help.`;

type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes. */
  positionals: number;
  /** Options without which it cannot run (checked before the database is opened). */
  required?: string[];
  /** Further checks of the arguments before the database is opened; throws BAD_REQUEST. */
  check?(values: Values): void;
  run(
    ctx: Context,
    values: Record<string, string | boolean | string[] | undefined>,
    args: string[],
  ): Promise<void>;
}

/** What an admin command acts on. */
export interface AdminContext {
  identity: Identity;
  storage: Pick<Repositories, 'organisations' | 'users' | 'oidc'>;
  principal: Principal;
}

type Context = AdminContext & { io: AdminCliIo };

const SOURCE = 'cli';

function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

function text(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = text(values, name);
  if (value === undefined) throw new ObshubError('BAD_REQUEST', `--${name} is required`);
  return value;
}

/** An ISO 8601 date-time (or date), or a duration from now such as P90D or PT12H. */
export function parseExpiry(value: string, nowMs = Date.now()): Date {
  if (/^P/i.test(value)) {
    const duration = parseDurationSeconds(value);
    if (!duration.ok || duration.seconds <= 0) {
      throw new ObshubError(
        'BAD_REQUEST',
        `--expires "${value}" is not a positive ISO 8601 duration (e.g. P90D)`,
      );
    }
    return new Date(nowMs + duration.seconds * 1000);
  }
  const ms = /^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:?\d{2}))?$/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new ObshubError(
      'BAD_REQUEST',
      `--expires "${value}" is neither an ISO 8601 date-time with a time zone (2027-01-31T00:00:00Z) nor a duration (P90D)`,
    );
  }
  return new Date(ms);
}

function scopesOf(values: Values): CredentialScope[] {
  const scopes = required(values, 'scopes')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0 || !scopes.every(isCredentialScope)) {
    throw new ObshubError(
      'BAD_REQUEST',
      `--scopes takes a comma-separated list of ${credentialScopes.join(', ')}`,
    );
  }
  return scopes;
}

const commands: Record<string, Command> = {
  'org create': {
    usage: `Usage: obshub admin org create <id> --name <name> [--authority <naming authority> …] [--require-2fa]

Creates an organisation (lower-case letters, digits and hyphens) and gives it naming authorities (core data
policy), whose observations it then writes.`,
    options: {
      name: { type: 'string' },
      authority: { type: 'string', multiple: true },
      'require-2fa': { type: 'boolean' },
    },
    positionals: 1,
    required: ['name'],
    async run({ identity, storage, principal, io }, values, [id]) {
      const authorities = (values.authority as string[] | undefined) ?? [];
      // Refused before anything is created, so a failed command leaves nothing behind.
      const owners = new Map(
        (await storage.organisations.listAuthorities()).map((a) => [a.authority, a.orgId]),
      );
      const taken = authorities.filter((a) => owners.has(a));
      if (taken.length) {
        throw new ObshubError(
          'CONFLICT',
          taken.map((a) => `naming authority "${a}" belongs to organisation "${owners.get(a)}"`).join('; '),
        );
      }
      const org = await identity.organisations.create(
        principal,
        { id: id!, name: required(values, 'name'), require2fa: values['require-2fa'] === true },
        SOURCE,
      );
      for (const authority of authorities) {
        await identity.organisations.setAuthority(principal, org.id, authority, 'core', SOURCE);
      }
      io.out(`created organisation ${org.id}\n`);
    },
  },
  'org list': {
    usage: `Usage: obshub admin org list

Lists the organisations: id, whether members need 2FA, name and naming authorities.`,
    options: {},
    positionals: 0,
    async run({ identity, principal, io }) {
      for (const org of await identity.organisations.list(principal)) {
        const authorities = org.authorities.map((a) => `${a.authority} (${a.dataPolicy})`).join(', ');
        io.out(`${org.id}\t${org.require2fa ? '2fa' : '-'}\t${org.name}\t${authorities || '-'}\n`);
      }
    },
  },
  'user create': {
    usage: `Usage: obshub admin user create --username <u> --role <role> [--org <id>] [--password <p>]

Creates a person with one role (${userRoles.join(', ')}); organisation roles need --org. Without
--password a password is generated and printed once.`,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      password: { type: 'string' },
    },
    positionals: 0,
    required: ['username', 'role'],
    check(values) {
      if (!(userRoles as readonly string[]).includes(text(values, 'role') ?? '')) {
        throw new ObshubError('BAD_REQUEST', `--role must be one of ${userRoles.join(', ')}`);
      }
    },
    async run({ identity, principal, io }, values) {
      const role = required(values, 'role');
      const given = text(values, 'password');
      const password = given ?? generatedPassword();
      const user = await identity.users.create(
        principal,
        {
          username: required(values, 'username'),
          role: role as UserRole,
          orgId: text(values, 'org'),
          password,
        },
        SOURCE,
      );
      io.out(`created user ${user.username} (${user.id}) with role ${user.role}\n`);
      if (given === undefined) io.out(`password: ${password}\n`);
    },
  },
  'user reset-password': {
    usage: `Usage: obshub admin user reset-password <username> [--password <p>]

Sets a new password (generated and printed once without --password) and lifts a lockout.`,
    options: { password: { type: 'string' } },
    positionals: 1,
    async run({ identity, storage, principal, io }, values, [username]) {
      const user = await storage.users.findByUsername(username!);
      if (!user) throw new ObshubError('NOT_FOUND', `user "${username}" does not exist`);
      const given = text(values, 'password');
      const password = given ?? generatedPassword();
      await identity.users.resetPassword(principal, user.id, password, SOURCE);
      io.out(given === undefined ? `password: ${password}\n` : `password of ${user.username} changed\n`);
    },
  },
  'api-key create': {
    usage: `Usage: obshub admin api-key create --org <id> --scopes ingest,read [--name <n>] [--expires <when>]

Creates a service key of the organisation and prints the key, only the key, on stdout (it is not shown
again; only its hash is stored). --expires takes an ISO 8601 date-time (2027-01-31T00:00:00Z) or a
duration from now (P90D).`,
    options: {
      org: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
    },
    positionals: 0,
    required: ['org', 'scopes'],
    check(values) {
      scopesOf(values);
      const expires = text(values, 'expires');
      if (expires !== undefined) parseExpiry(expires);
    },
    async run({ identity, principal, io }, values) {
      const scopes = scopesOf(values);
      const expires = text(values, 'expires');
      const { key } = await identity.apiKeys.create(
        principal,
        {
          orgId: required(values, 'org'),
          userId: null,
          scopes,
          name:
            text(values, 'name') ??
            `created by ${principal.actor} on ${new Date().toISOString().slice(0, 10)}`,
          expiresAt: expires === undefined ? null : parseExpiry(expires),
        },
        SOURCE,
      );
      io.out(`${key}\n`);
    },
  },
  'api-key revoke': {
    usage: `Usage: obshub admin api-key revoke <id>

Revokes an API key at once; <id> is the part after obh_ (obh_<id>_…), as listed by the admin API.`,
    options: {},
    positionals: 1,
    async run({ identity, principal, io }, _values, [id]) {
      await identity.apiKeys.revoke(principal, id!, SOURCE);
      io.out(`revoked API key ${id}\n`);
    },
  },
  'oidc keys': {
    usage: `Usage: obshub admin oidc keys

Lists the OIDC provider's unretired signing keys, newest (the one that signs) first: key id and creation time.`,
    options: {},
    positionals: 0,
    async run({ storage, io }) {
      for (const key of await listSigningKeys(storage))
        io.out(`${key.kid}\t${key.createdAt.toISOString()}\n`);
    },
  },
  'oidc rotate-keys': {
    usage: `Usage: obshub admin oidc rotate-keys

Makes a new signing key (and cookie key) of the OIDC provider the current one; earlier keys stay in the JWKS,
so tokens they signed keep working until the key is retired. Running hubs pick the new key up within a
minute. Prints the new key id.`,
    options: {},
    positionals: 0,
    async run({ identity, storage, principal, io }) {
      const { kid } = await rotateSigningKey(storage, identity.secrets, {
        audit: identity.audit,
        actor: principal,
      });
      io.out(`${kid}\n`);
    },
  },
  'oidc retire-key': {
    usage: `Usage: obshub admin oidc retire-key <kid>

Retires an earlier signing key: it leaves the JWKS and the tokens it signed stop verifying. The current key
cannot be retired; rotate first.`,
    options: {},
    positionals: 1,
    async run({ identity, storage, principal, io }, _values, [kid]) {
      try {
        await retireSigningKey(storage, kid!);
      } catch (err) {
        throw new ObshubError('BAD_REQUEST', (err as Error).message);
      }
      await identity.audit.record(principal, 'signing-key.retire', 'success', {
        target: `signing-key:${kid}`,
        source: SOURCE,
      });
      io.out(`retired signing key ${kid}\n`);
    },
  },
};

/** The operating-system user running this process ('unknown' without a user entry, as in some containers). */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The principal of the CLI: a platform admin named after the operating-system user. */
export function cliPrincipal(user: string): Principal {
  return {
    actor: `cli:${user}`,
    role: 'platform-admin',
    orgId: null,
    userId: null,
    scopes: null,
    via: 'cli',
  };
}

/** A command line understood: the command to run, or what to print and the exit code. */
export type AdminInvocation =
  | { exit: number; out?: string; err?: string }
  | {
      exit?: undefined;
      command: Command;
      values: Values;
      positionals: string[];
      /** The --config file, if one was given. */
      configFile: string | undefined;
    };

/** Parses `obshub admin <args>` and checks the arguments, without touching any database. */
export function parseAdminArgs(args: readonly string[]): AdminInvocation {
  const [object, action] = args;
  const name = `${object ?? ''} ${action ?? ''}`;
  const command = commands[name];
  if (!command) {
    if (!object || object === '--help' || object === '-h') {
      return { exit: object ? 0 : 1, out: `${ADMIN_USAGE}\n` };
    }
    return { exit: 1, err: `obshub: unknown admin command "${name.trim()}"\n\n${ADMIN_USAGE}\n` };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: args.slice(2),
      allowPositionals: true,
      options: { ...command.options, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return { exit: 1, err: `obshub: ${(err as Error).message}\n\n${command.usage}\n` };
  }
  if (parsed.values.help) return { exit: 0, out: `${command.usage}\n` };
  if (parsed.positionals.length !== command.positionals) {
    return {
      exit: 1,
      err: `obshub: admin ${name} takes ${command.positionals} argument(s)\n\n${command.usage}\n`,
    };
  }
  try {
    for (const option of command.required ?? []) required(parsed.values, option);
    command.check?.(parsed.values);
  } catch (err) {
    if (!(err instanceof ObshubError)) throw err;
    return { exit: 1, err: `obshub: ${err.message}\n\n${command.usage}\n` };
  }
  const configFile = typeof parsed.values.config === 'string' ? parsed.values.config : undefined;
  return { command, values: parsed.values, positionals: parsed.positionals, configFile };
}

/** Runs a parsed admin command; returns the exit code (1 with the reason on `io.err` when refused). */
export async function runAdminInvocation(
  invocation: AdminInvocation,
  ctx: AdminContext,
  io: AdminCliIo,
): Promise<number> {
  if (invocation.exit !== undefined) {
    if (invocation.out) io.out(invocation.out);
    if (invocation.err) io.err(invocation.err);
    return invocation.exit;
  }
  try {
    await invocation.command.run({ ...ctx, io }, invocation.values, invocation.positionals);
    return 0;
  } catch (err) {
    if (!(err instanceof ObshubError)) throw err;
    io.err(`obshub: ${err.message}\n`);
    return 1;
  }
}
