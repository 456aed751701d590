// `obshub migrate`: applies pending migrations and exits.
import { openStorage } from '../storage/index.js';
import { configFrom, parseCommand, type CliCommand } from './command.js';

const usage = `Usage: obshub migrate [--config <file>]

Applies pending migrations to the database given by DATABASE_URL (or the embedded one in DATA_DIR) and
exits. Safe to run while other obshub processes start or run on a PostgreSQL server; on the embedded
database, a running hub has already applied them.`;

export const migrate: CliCommand = {
  summary: 'apply pending database migrations and exit',
  usage,
  async run(args) {
    const parsed = parseCommand(args, usage, {});
    if (!parsed) return 0;
    const storage = await openStorage(configFrom(parsed.values));
    try {
      const applied = await storage.migrate();
      process.stdout.write(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
          : 'Database is up to date.\n',
      );
      return 0;
    } finally {
      await storage.close();
    }
  },
};
