import type { Command } from 'commander';
import type { CliContext } from './cli-context.ts';

export function registerDatabaseCommands(program: Command, context: CliContext): void {
  const database = program.command('db').description('Database maintenance');
  database
    .command('migrate')
    .description('Bring the database schema to the latest version')
    .action(async () => {
      // Opening the database migrates it; nothing else to do.
      await context.withDatabase(async () => {});
      process.stdout.write('Database is up to date.\n');
    });
}
