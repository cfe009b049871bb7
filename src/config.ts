import path from 'node:path';

/** Everything the product reads from its environment; the only module that touches process.env. */
export interface AppConfig {
  /** An external PostgreSQL 15+; when absent the product starts its own embedded server. */
  databaseUrl: string | undefined;
  /** Where the embedded server keeps its files. */
  dataDirectory: string;
  host: string;
  port: number;
  logLevel: string;
  /** Cookies marked Secure only behind HTTPS. */
  secureCookies: boolean;
  /** Where ../shared/data/dki-kelurahan.geojson may be found for the demo. */
  demoRegionsFile: string;
  isContinuousIntegration: boolean;
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = process.cwd();
  return {
    databaseUrl: nonEmpty(environment.DATABASE_URL),
    dataDirectory: path.resolve(root, environment.TEPAT_DATA_DIR ?? 'data'),
    host: environment.HOST ?? '127.0.0.1',
    port: Number(environment.PORT ?? 3000),
    logLevel: environment.LOG_LEVEL ?? 'info',
    secureCookies: environment.TEPAT_SECURE_COOKIES === 'true',
    demoRegionsFile: path.resolve(
      root,
      environment.TEPAT_DEMO_REGIONS ?? path.join('..', 'shared', 'data', 'dki-kelurahan.geojson'),
    ),
    isContinuousIntegration: environment.CI === 'true',
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim().length > 0 ? value.trim() : undefined;
}
