// What every `obshub` command is, and the options they share (--config, --help).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config/index.js';

export interface CliCommand {
  /** One line for the program's help. */
  summary: string;
  usage: string;
  /** Runs the command; resolves to the exit code (for `serve`: once the hub answers). */
  run(args: string[]): Promise<number>;
}

/** A mistake on the command line or in what it names: printed as one line, exit code 1. */
export class CliError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommand {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * Parses a command's arguments with --config and --help added. Returns undefined after printing the
 * usage for --help.
 */
export function parseCommand(
  args: string[],
  usage: string,
  options: Options,
  allowPositionals = false,
): ParsedCommand | undefined {
  let parsed: ParsedCommand;
  try {
    parsed = parseArgs({
      args,
      allowPositionals,
      options: { ...options, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}

/**
 * The configuration, from the environment and the --config file if given; `overrides` (settings given as
 * command line options) win over both.
 */
export function configFrom(
  values: ParsedCommand['values'],
  overrides: Record<string, string | undefined> = {},
): Readonly<Config> {
  return loadConfig(undefined, typeof values.config === 'string' ? values.config : undefined, overrides);
}
