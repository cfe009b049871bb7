import path from 'node:path';
import type { Command } from 'commander';
import type { DemoUserListing } from '../auth/seed-demo-users.ts';
import { openDatabase } from '../db/open-database.ts';
import { findDemoState, seedDemo } from '../demo/seed-demo.ts';
import { buildServer } from '../http/build-server.ts';
import type { CliContext } from './cli-context.ts';
import { webBuildIsStale } from './web-build.ts';

// What the built interface is made from: rebuilt when any of it is newer than the build.
const WEB_SOURCES = ['web', 'vite.config.ts', 'package-lock.json'];
// The signals that end a terminal session: Ctrl-C, kill, and the terminal window closed.
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function registerStartCommand(program: Command, context: CliContext): void {
  program
    .command('start')
    .description(
      'Start the server (and its own PostgreSQL unless DATABASE_URL is set); load the demo on first run',
    )
    .option('--no-demo', 'do not load (or list) the demo families and users')
    .option('--port <port>', 'HTTP port', String(context.config.port))
    .action(async (options: { demo: boolean; port: string }) => {
      const log = (message: string) => process.stdout.write(`${message}\n`);
      const { config } = context;
      const database = await openDatabase({ config, log, maxConnections: 20 });
      log(
        database.embedded
          ? `PostgreSQL (embedded) at ${redact(database.url)}`
          : `PostgreSQL at ${redact(database.url)}`,
      );
      // Until the server is up, a signal still stops the embedded PostgreSQL rather than orphan it.
      let stopping: Promise<void> | undefined;
      let app: Awaited<ReturnType<typeof buildServer>> | undefined;
      const shutdown = () => {
        stopping ??= (async () => {
          await app?.close();
          await database.close();
          process.exit(0);
        })();
      };
      for (const signal of SHUTDOWN_SIGNALS) process.once(signal, shutdown);
      try {
        let demoUsers: DemoUserListing[] = [];
        if (options.demo) {
          demoUsers = await seedDemo({
            db: database.db,
            dataDirectory: config.dataDirectory,
            regionsFile: config.demoRegionsFile,
            log,
          });
        } else if ((await findDemoState({ db: database.db })) === 'unfinished') {
          log('The demo in this database was begun but not finished: start without --no-demo to finish it.');
        }
        const webDirectory = path.join(config.projectRoot, 'dist', 'web');
        if (
          webBuildIsStale({
            builtIndex: path.join(webDirectory, 'index.html'),
            sources: WEB_SOURCES.map((source) => path.join(config.projectRoot, source)),
          })
        ) {
          log('Building the web interface…');
          const { build } = await import('vite');
          await build({
            configFile: path.join(config.projectRoot, 'vite.config.ts'),
            root: path.join(config.projectRoot, 'web'),
            logLevel: 'warn',
          });
        }
        app = await buildServer({
          db: database.db,
          logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
          secureCookies: config.secureCookies,
          trustProxy: config.trustProxy,
          webDirectory,
        });
        const address = await listenOnFreePort(app, config.host, Number(options.port));
        if (demoUsers.length > 0) {
          log('\nDemo users (one per role):');
          for (const line of describeDemoUsers(demoUsers, config.dataDirectory)) log(`  ${line}`);
        }
        log(`\nTepat is running at ${address}\n`);
      } catch (error) {
        // Interrupted by a signal: the shutdown under way ends the process; a failure stops the server it started.
        if (stopping) await stopping;
        await app?.close();
        await database.close();
        throw error;
      }
    });
}

/** One line per demo user: a password only when it still signs in, otherwise why none is shown. */
export function describeDemoUsers(users: DemoUserListing[], dataDirectory: string): string[] {
  const notes: Record<DemoUserListing['status'], string> = {
    signs_in: '',
    changed: '(password changed since the demo was loaded)',
    unknown: `(password not kept in ${path.join(dataDirectory, 'demo-users.json')})`,
    deactivated: '(deactivated)',
  };
  return users.map(
    (user) =>
      `${user.role.padEnd(18)} ${user.username.padEnd(24)} ${(user.password ?? notes[user.status]).padEnd(19)}   ${user.area}`,
  );
}

async function listenOnFreePort(
  app: Awaited<ReturnType<typeof buildServer>>,
  host: string,
  port: number,
): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    // Port taken (another program, or a second Tepat): take any free port rather than fail.
    return app.listen({ host, port: 0 });
  }
}

function redact(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}
