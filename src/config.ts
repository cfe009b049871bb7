import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout (the folder of this package's package.json): defaults are found here, not in the current folder. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything the product reads from its environment; the only module that touches process.env. */
export interface AppConfig {
  /** An external PostgreSQL 15+; when absent the product starts its own embedded server. */
  databaseUrl: string | undefined;
  /** The checkout: the web build and the default data folder live here. */
  projectRoot: string;
  /** Where the embedded server keeps its files: ./data of the checkout unless TEPAT_DATA_DIR says otherwise. */
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

/** Paths given in the environment are read from the folder the command runs in; defaults from the checkout. */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  workingDirectory: string = process.cwd(),
): AppConfig {
  const fromEnvironment = (value: string | undefined, fallback: string) =>
    value ? path.resolve(workingDirectory, value) : path.resolve(PROJECT_ROOT, fallback);
  return {
    databaseUrl: nonEmpty(environment.DATABASE_URL),
    projectRoot: PROJECT_ROOT,
    dataDirectory: fromEnvironment(nonEmpty(environment.TEPAT_DATA_DIR), 'data'),
    host: environment.HOST ?? '127.0.0.1',
    port: Number(environment.PORT ?? 3000),
    logLevel: environment.LOG_LEVEL ?? 'info',
    secureCookies: environment.TEPAT_SECURE_COOKIES === 'true',
    trustProxy: parseTrustProxy(environment.TEPAT_TRUST_PROXY),
    demoRegionsFile: fromEnvironment(
      nonEmpty(environment.TEPAT_DEMO_REGIONS),
      path.join('..', 'shared', 'data', 'dki-kelurahan.geojson'),
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
