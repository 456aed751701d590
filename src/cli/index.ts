// The `obshub` commands, one file each; main.ts dispatches to them.
import { admin } from './admin.js';
import type { CliCommand } from './command.js';
import { configCommand } from './configCommand.js';
import { convert } from './convert.js';
import { load } from './load.js';
import { migrate } from './migrate.js';
import { serve } from './serve.js';

export { CliError, type CliCommand } from './command.js';

export const commands: Record<string, CliCommand> = {
  serve,
  migrate,
  config: configCommand,
  admin,
  load,
  convert,
};
