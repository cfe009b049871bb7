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
  /** Session cookies always marked Secure (they are anyway when the request came over HTTPS). */
  secureCookies: boolean;
  /**
   * Which reverse proxies to believe about the client's address, host and scheme (X-Forwarded-*): false (none,
   * the default) or the proxies' addresses and networks.
   */
  trustProxy: TrustProxy;
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
    trustProxy: parseTrustProxy(environment.TEPAT_TRUST_PROXY),
    demoRegionsFile: path.resolve(
      root,
      environment.TEPAT_DEMO_REGIONS ?? path.join('..', 'shared', 'data', 'dki-kelurahan.geojson'),
    ),
    isContinuousIntegration: environment.CI === 'true',
  };
}

export type TrustProxy = false | string[];

/** 'true' means a proxy on the same machine; '10.0.0.5,10.1.0.0/16' proxies at those addresses. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  // Never "trust everyone": a client could then name any address by sending its own X-Forwarded-For.
  if (text === 'true') return ['loopback'];
  return text
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim().length > 0 ? value.trim() : undefined;
}
