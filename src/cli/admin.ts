// `obshub admin …`: runs an admin command where it is safe. A hub holding the embedded database runs it
// itself (through its admin socket), so the change is visible at once; otherwise this process opens the
// database (on PostgreSQL, beside any running hubs).
import pino from 'pino';
import type { Config } from '../config/index.js';
import {
  ADMIN_USAGE,
  createIdentity,
  osUser,
  cliPrincipal,
  parseAdminArgs,
  resolveMasterSecret,
  runAdminInvocation,
  sendAdminCommand,
  type AdminContext,
} from '../identity/index.js';
import { MemoryCounters } from '../gateway/index.js';
import { dataDirOwner, openStorage } from '../storage/index.js';
import { CliError, configFrom, type CliCommand } from './command.js';

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
};

/** Through the hub that holds the embedded data directory; undefined when no hub holds it. */
async function throughHub(config: Readonly<Config>, args: string[]): Promise<number | undefined> {
  if (config.databaseUrl) return undefined;
  const owner = dataDirOwner(config.dataDir);
  if (!owner) return undefined;
  if (!owner.adminSocket) {
    throw new CliError(
      `the data directory ${config.dataDir} is in use by obshub (pid ${owner.pid}), which does not take admin commands yet; retry when it has started`,
    );
  }
  try {
    const reply = await sendAdminCommand(owner.adminSocket, args, osUser());
    io.out(reply.out);
    io.err(reply.err);
    return reply.code;
  } catch (err) {
    // The hub stopped between the look and the connection: the directory is free now.
    if (dataDirOwner(config.dataDir)) throw err;
    return undefined;
  }
}

/**
 * Opens the database for admin commands run in this process: the context runAdminInvocation needs, and a
 * close. Warnings (e.g. a generated OBSHUB_SECRET) go to stderr; stdout carries only what scripts capture.
 */
export async function openAdminContext(
  config: Readonly<Config>,
): Promise<{ context: AdminContext; close: () => Promise<void> }> {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const storage = await openStorage(config);
  try {
    await storage.migrate();
    // Nothing the commands do is rate-limited: counters in memory serve for this one process.
    const identity = createIdentity({
      storage,
      masterSecret: resolveMasterSecret(config, log),
      log,
      config,
      counters: new MemoryCounters(),
    });
    return {
      context: { identity, storage, principal: cliPrincipal(osUser()) },
      close: () => storage.close(),
    };
  } catch (err) {
    await storage.close();
    throw err;
  }
}

async function inThisProcess(
  config: Readonly<Config>,
  invocation: ReturnType<typeof parseAdminArgs>,
): Promise<number> {
  const { context, close } = await openAdminContext(config);
  try {
    return await runAdminInvocation(invocation, context, io);
  } finally {
    await close();
  }
}

export const admin: CliCommand = {
  summary: 'manage organisations, users, API keys and signing keys (with or without a running hub)',
  usage: ADMIN_USAGE,
  async run(args) {
    const invocation = parseAdminArgs(args);
    if (invocation.exit !== undefined) {
      io.out(invocation.out ?? '');
      io.err(invocation.err ?? '');
      return invocation.exit;
    }
    const config = configFrom({ config: invocation.configFile });
    return (await throughHub(config, args)) ?? (await inThisProcess(config, invocation));
  },
};
