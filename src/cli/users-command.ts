import type { Command } from 'commander';
import { createUser } from '../auth/create-user.ts';
import { listUsers } from '../auth/list-users.ts';
import { generateReadablePassword } from '../auth/passwords.ts';
import { resetUserPassword } from '../auth/reset-user-password.ts';
import { ROLES } from '../auth/roles.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import { HttpError } from '../http/http-error.ts';
import { type CliContext, CliError } from './cli-context.ts';

interface CreateUserOptions {
  username: string;
  name: string;
  role: string;
  area: string;
  rw?: string;
  password?: string;
}

/** `tepat users create|list|reset-password`: whoever can open the database acts as the system, like a superuser. */
export function registerUsersCommand(program: Command, context: CliContext): void {
  const users = program.command('users').description('Manage the people who sign in to Tepat');

  users
    .command('create')
    .description('Create a user with a role and an area')
    .requiredOption('--username <username>', 'sign-in name, e.g. operator.tebettimur')
    .requiredOption('--name <fullName>', 'full name, in quotes')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .requiredOption('--area <code>', 'dotted region code, e.g. 31.74 or 31.74.01.1001')
    .option('--rw <rw>', 'RW number for an RT/RW head, 001 to 999')
    .option('--password <password>', 'password; prompted for (or generated when not interactive) if absent')
    .action(async (options: CreateUserOptions) => {
      const { password, generated } = await obtainPassword(options.password);
      const user = await context.withDatabase((db) =>
        createUser({
          db,
          actor: SYSTEM_ACTOR,
          input: {
            username: options.username,
            fullName: options.name,
            password,
            role: options.role,
            areaCode: options.area,
            areaRw: options.rw,
          },
        }).catch(rethrowForCli),
      );
      const area = user.areaRw ? `${user.areaCode} RW ${user.areaRw}` : user.areaCode;
      process.stdout.write(`Created ${user.username} (${user.role}, area ${area})\n`);
      if (generated) process.stdout.write(`Password: ${password}\n`);
    });

  users
    .command('reset-password')
    .description("Give a user a new generated password, printed once, and end the user's sessions")
    .argument('<username>', 'sign-in name of the user')
    .action(async (username: string) => {
      const { user, password } = await context.withDatabase((db) =>
        resetUserPassword({
          db,
          actor: SYSTEM_ACTOR,
          user: { username },
        }).catch(rethrowForCli),
      );
      process.stdout.write(`New password for ${user.username}: ${password}\n`);
    });

  users
    .command('list')
    .description('List all users')
    .action(async () => {
      const rows = await context.withDatabase((db) =>
        listUsers({ db, actor: SYSTEM_ACTOR }).catch(rethrowForCli),
      );
      const lines = rows.map((user) =>
        [
          user.username,
          user.role,
          user.areaRw ? `${user.areaCode} RW ${user.areaRw}` : user.areaCode,
          user.active ? 'active' : 'inactive',
          user.fullName,
        ].join('\t'),
      );
      process.stdout.write(`${['username\trole\tarea\tstatus\tname', ...lines].join('\n')}\n`);
    });
}

async function obtainPassword(given: string | undefined): Promise<{ password: string; generated: boolean }> {
  if (given !== undefined) return { password: given, generated: false };
  // Scripts and pipes cannot answer a prompt, so they get a generated password printed once.
  if (!process.stdin.isTTY) return { password: generateReadablePassword(), generated: true };
  const password = await promptHidden('Password (at least 10 characters): ');
  const confirmation = await promptHidden('Repeat the password: ');
  if (password !== confirmation) throw new CliError('The two passwords differ');
  return { password, generated: false };
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (character === '\u0003' || character === '\u0004') {
          finish();
          reject(new CliError('Cancelled'));
          return;
        }
        if (character === '\u007f' || character === '\b') value = value.slice(0, -1);
        else value += character;
      }
    };
    input.on('data', onData);
  });
}

// Services speak HTTP errors; on the command line only their message matters.
function rethrowForCli(error: unknown): never {
  if (error instanceof HttpError) throw new CliError(error.message);
  throw error;
}
