import { type AppConfig, loadConfig } from '../config.ts';
import type { DatabaseClient } from '../db/database.ts';
import { openDatabase } from '../db/open-database.ts';

export interface CliContext {
  config: AppConfig;
  /** Opens the database (starting the embedded server when needed), runs the work, always closes. */
  withDatabase<T>(work: (db: DatabaseClient) => Promise<T>): Promise<T>;
}

export function createCliContext(): CliContext {
  const config = loadConfig();
  return {
    config,
    async withDatabase(work) {
      const database = await openDatabase({ config, log: (message) => process.stderr.write(`${message}\n`) });
      try {
        return await work(database.db);
      } finally {
        await database.close();
      }
    },
  };
}

/** A failure the CLI reports as one clear line and a non-zero exit, without a stack trace. */
export class CliError extends Error {}
