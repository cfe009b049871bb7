import path from 'node:path';
import type { Command } from 'commander';
import { openDatabase } from '../db/open-database.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { buildServer } from '../http/build-server.ts';
import type { CliContext } from './cli-context.ts';
import { webBuildIsStale } from './web-build.ts';

const WEB_DIRECTORY = path.resolve('dist', 'web');
// What the built interface is made from: rebuilt when any of it is newer than the build.
const WEB_SOURCES = ['web', 'vite.config.ts', 'package-lock.json'];

export function registerStartCommand(program: Command, context: CliContext): void {
  program
    .command('start')
    .description(
      'Start the server (and its own PostgreSQL unless DATABASE_URL is set); load the demo on first run',
    )
    .option('--no-demo', 'do not load demo families and users on an empty database')
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
      const demoUsers = options.demo
        ? await seedDemo({
            db: database.db,
            dataDirectory: config.dataDirectory,
            regionsFile: config.demoRegionsFile,
            log,
          })
        : [];
      if (
        webBuildIsStale({
          builtIndex: path.join(WEB_DIRECTORY, 'index.html'),
          sources: WEB_SOURCES.map((source) => path.resolve(source)),
        })
      ) {
        log('Building the web interface…');
        const { build } = await import('vite');
        await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
      }
      const app = await buildServer({
        db: database.db,
        logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
        secureCookies: config.secureCookies,
        trustProxy: config.trustProxy,
        webDirectory: WEB_DIRECTORY,
      });
      const address = await listenOnFreePort(app, config.host, Number(options.port));
      if (demoUsers.length > 0) {
        log('\nDemo users (one per role):');
        for (const user of demoUsers)
          log(`  ${user.role.padEnd(18)} ${user.username.padEnd(24)} ${user.password}   ${user.area}`);
      }
      log(`\nTepat is running at ${address}\n`);
      const shutdown = async () => {
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
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
