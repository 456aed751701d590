#!/usr/bin/env node
// The `obshub` command: serve, migrate, config validate/print, admin. Reads configuration once and passes it down.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, settings, type Config } from './config/index.js';
import { createHub } from './hub.js';
import { runAdminCli } from './identity/index.js';
import { PortInUseError } from './notify/index.js';
import { Storage } from './storage/index.js';

const USAGE: Record<string, string> = {
  main: `Usage: obshub <command> [options]

Commands:
  serve             start the hub (HTTP API, MQTT broker, background jobs)
  migrate           apply pending database migrations and exit
  config validate   check the configuration and exit (1 when invalid)
  config print      print the effective configuration
  admin …           manage organisations, users and API keys without a running server

Options:
  --config <file>   YAML file with settings (same keys as the environment; the environment wins)
  -h, --help        show help for a command

Run 'obshub <command> --help' for details.`,
  serve: `Usage: obshub serve [--config <file>]

Starts obshub: the HTTP API on HOST:PORT (ingest at POST /ingest/json, /health, /ready), the MQTT
broker (embedded on MQTT_PORT unless MQTT_URL is set), the retention job and, on the embedded database,
the demo feed. Applies pending migrations first. Stops cleanly on SIGINT/SIGTERM.

Settings: ${Object.keys(settings).join(', ')} (see README.md).`,
  migrate: `Usage: obshub migrate [--config <file>]

Applies pending migrations to the database given by DATABASE_URL (or the embedded one in DATA_DIR) and
exits. Safe to run while other obshub processes start or run.`,
  config: `Usage: obshub config validate|print [--config <file>]

validate: exits 0 when the configuration is valid, 1 with every problem otherwise.
print:    prints the effective configuration as JSON (passwords hidden).`,
};

function fail(message: string): never {
  process.stderr.write(`obshub: ${message}\n`);
  process.exit(1);
}

function hidePassword(url: string | undefined): string | undefined {
  if (!url) return url;
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function serve(config: Readonly<Config>): Promise<void> {
  const hub = await createHub(config);
  const url = await hub.listen();
  if (hub.generatedAdminPassword) {
    // Printed once, to the terminal, never to the JSON log.
    process.stderr.write(
      `\nobshub: created the platform admin "admin" with the password ${hub.generatedAdminPassword}\n` +
        '        store it now: it is not shown again (set OBSHUB_ADMIN_PASSWORD to choose it instead).\n\n',
    );
  }
  hub.log.info(
    {
      component: 'main',
      url,
      mqtt: hub.broker.url,
      database: hub.storage.description,
      broker: hub.broker.description,
    },
    `obshub serving ${url} (ingest ${url}/ingest/json, health ${url}/health) and MQTT ${hub.broker.url}; database: ${hub.storage.description}; broker: ${hub.broker.description}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.log.info({ component: 'main', signal }, 'stopping');
    hub.close().then(
      () => process.exit(0),
      (err: unknown) => {
        hub.log.error({ component: 'main', err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function migrateOnly(config: Readonly<Config>): Promise<void> {
  const storage = await Storage.open(config);
  try {
    const applied = await storage.migrate();
    process.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : 'Database is up to date.\n',
    );
  } finally {
    await storage.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'admin') {
    // The admin commands have options of their own; they read the configuration once those are parsed.
    const load = (file: string | undefined) => {
      try {
        return loadConfig(undefined, file);
      } catch (err) {
        if (err instanceof ConfigError) fail(err.message);
        throw err;
      }
    };
    process.exitCode = await runAdminCli(argv.slice(1), load, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    return;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, sub] = positionals;
  if (!command) {
    process.stdout.write(`${USAGE.main}\n`);
    process.exit(values.help ? 0 : 1);
  }
  const usage = USAGE[command];
  if (!usage) fail(`unknown command "${command}"\n\n${USAGE.main}`);
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let config: Readonly<Config>;
  try {
    config = loadConfig(undefined, values.config);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return migrateOnly(config);
    case 'config':
      if (sub === 'validate') {
        process.stdout.write('Configuration is valid.\n');
        return;
      }
      if (sub === 'print') {
        process.stdout.write(
          `${JSON.stringify(
            {
              ...config,
              databaseUrl: hidePassword(config.databaseUrl),
              mqttUrl: hidePassword(config.mqttUrl),
              obshubSecret: config.obshubSecret && '***',
              adminPassword: config.adminPassword && '***',
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      fail(`unknown config command "${sub ?? ''}"\n\n${USAGE.config}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof PortInUseError) fail(err.message);
  fail((err as Error).stack ?? String(err));
});
