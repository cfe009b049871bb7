import { Command } from 'commander';
import { DatabaseUnavailableError } from '../db/open-database.ts';
import { HttpError } from '../http/http-error.ts';
import { CliError, createCliContext } from './cli-context.ts';
import { registerCycleCommand } from './cycle-command.ts';
import { registerDatabaseCommands } from './database-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerIntakeCommand } from './intake-command.ts';
import { registerRegionsCommand } from './regions-command.ts';
import { registerStartCommand } from './start-command.ts';
import { registerUsersCommand } from './users-command.ts';
import { registerVerifyCommand } from './verify-command.ts';

const program = new Command();
program
  .name('tepat')
  .description('Tepat: a cash social-assistance programme from RT/RW listings to payment')
  .showHelpAfterError()
  .exitOverride();

const context = createCliContext();
registerStartCommand(program, context);
registerDatabaseCommands(program, context);
registerRegionsCommand(program, context);
registerImportCommand(program, context);
registerIntakeCommand(program, context);
registerDemoCommand(program, context);
registerUsersCommand(program, context);
registerCycleCommand(program, context);
registerVerifyCommand(program, context);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
    process.exit(0);
  if (code?.startsWith('commander.')) process.exit(2);
  // Expected failures (the command's or a service's refusal, a database that cannot be reached) get one clear
  // line; anything else keeps its stack.
  const expected =
    error instanceof CliError || error instanceof HttpError || error instanceof DatabaseUnavailableError;
  process.stderr.write(`tepat: ${expected ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
}
