// `obshub config validate | print`: checks or prints the effective configuration.
import { environmentWarnings, type Config } from '../config/index.js';
import { CliError, configFrom, parseCommand, type CliCommand } from './command.js';

const usage = `Usage: obshub config validate|print [--config <file>]

validate: exits 0 when the configuration is valid, 1 with every problem otherwise; warns about
          environment variables that look like misspelt settings.
print:    prints the effective configuration as JSON (secrets hidden).`;

function hidePassword(url: string | undefined): string | undefined {
  if (!url) return url;
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function printable(config: Readonly<Config>): object {
  return {
    ...config,
    databaseUrl: hidePassword(config.databaseUrl),
    databaseReadUrls: config.databaseReadUrls.map(hidePassword),
    busUrl: hidePassword(config.busUrl),
    mqttUrl: hidePassword(config.mqttUrl),
    obshubSecret: config.obshubSecret && '***',
    adminPassword: config.adminPassword && '***',
  };
}

export const configCommand: CliCommand = {
  summary: 'check the configuration (validate) or print it (print)',
  usage,
  async run(args) {
    const parsed = parseCommand(args, usage, {}, true);
    if (!parsed) return 0;
    const [sub, ...rest] = parsed.positionals;
    if ((sub !== 'validate' && sub !== 'print') || rest.length > 0) {
      throw new CliError(`unknown config command "${parsed.positionals.join(' ')}"\n\n${usage}`);
    }
    const config = configFrom(parsed.values);
    for (const warning of environmentWarnings()) process.stderr.write(`obshub: warning: ${warning}\n`);
    process.stdout.write(
      sub === 'validate' ? 'Configuration is valid.\n' : `${JSON.stringify(printable(config), null, 2)}\n`,
    );
    return 0;
  },
};
