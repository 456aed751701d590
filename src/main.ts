#!/usr/bin/env node
// The `obshub` command: dispatches to the commands of src/cli/. Mistakes a person makes (bad settings, a
// taken port or data directory, wrong arguments) end with one line and exit code 1, never a stack trace.
import { CliError, commands } from './cli/index.js';
import { ConfigError } from './config/index.js';
import { ObshubError } from './core/errors.js';
import { PortInUseError } from './notify/index.js';
import { obshubVersion } from './ops/index.js';

const usage = `Usage: obshub <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(9)} ${command.summary}`)
  .join('\n')}

Options:
  --config <file>   YAML file with settings (same keys as the environment; the environment wins)
  -h, --help        show help for a command
  -v, --version     print the version

Run 'obshub <command> --help' for details.`;

async function main([name, ...args]: string[]): Promise<number> {
  if (name === '--version' || name === '-v') {
    process.stdout.write(`obshub ${obshubVersion()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) throw new CliError(`unknown command "${name}"\n\n${usage}`);
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const oneLine =
      err instanceof CliError ||
      err instanceof ConfigError ||
      err instanceof PortInUseError ||
      (err instanceof ObshubError && err.code === 'DATA_DIR_IN_USE');
    const text = err instanceof Error ? (oneLine ? err.message : (err.stack ?? err.message)) : String(err);
    process.stderr.write(`obshub: ${text}\n`);
    process.exit(1);
  },
);
