import type { AppConfig } from '../config.ts';
import { ensureRegionCatalog } from '../regions/import-region-catalog.ts';
import { connectDatabase, type DatabaseHandle } from './database.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrateToLatest } from './migrate.ts';

export interface OpenDatabase extends DatabaseHandle {
  url: string;
  embedded: boolean;
}

/** Connects to DATABASE_URL, or starts the embedded server under the data folder, then migrates. */
export async function openDatabase({
  config,
  log = () => {},
  maxConnections,
}: {
  config: AppConfig;
  log?: (message: string) => void;
  maxConnections?: number;
}): Promise<OpenDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDirectory: config.dataDirectory, log });
  const url = config.databaseUrl ?? embedded!.url;
  const handle = connectDatabase({ url, maxConnections });
  try {
    await migrateToLatest({ db: handle.db });
    if (await ensureRegionCatalog({ db: handle.db })) log('Loaded the regions of Indonesia (idn-area-data).');
  } catch (error) {
    await handle.close();
    await embedded?.stop();
    throw error;
  }
  return {
    ...handle,
    url,
    embedded: embedded !== undefined,
    close: async () => {
      await handle.close();
      await embedded?.stop();
    },
  };
}
