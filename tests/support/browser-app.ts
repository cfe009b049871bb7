// The real Tepat server (fresh test database, freshly built web UI) and a headless Chromium for browser tests.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createUser } from '../../src/auth/create-user.ts';
import type { Role } from '../../src/auth/roles.ts';
import { type SessionUser, SYSTEM_ACTOR } from '../../src/auth/session-user.ts';
import type { DatabaseClient } from '../../src/db/database.ts';
import { type App, buildServer } from '../../src/http/build-server.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
];

export interface TestUser {
  user: SessionUser;
  username: string;
  password: string;
}

export interface BrowserApp {
  baseUrl: string;
  db: DatabaseClient;
  app: App;
  createUser(options: {
    role: Role;
    areaCode: string;
    areaRw?: string;
    fullName?: string;
  }): Promise<TestUser>;
  close(): Promise<void>;
}

/**
 * Builds the web UI into a private folder (so parallel test files and stale dist/web never interfere), unless
 * TEPAT_WEB_DIRECTORY names an existing build to reuse.
 */
async function buildWebUi(): Promise<{ directory: string; cleanup(): Promise<void> }> {
  const prebuilt = process.env.TEPAT_WEB_DIRECTORY;
  if (prebuilt && existsSync(path.join(prebuilt, 'index.html'))) {
    return { directory: path.resolve(prebuilt), cleanup: async () => {} };
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'tepat-web-'));
  const { build } = await import('vite');
  await build({
    configFile: path.join(REPOSITORY_ROOT, 'vite.config.ts'),
    root: path.join(REPOSITORY_ROOT, 'web'),
    logLevel: 'error',
    build: { outDir: directory, emptyOutDir: true },
  });
  return { directory, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

/** A running server on a random port with its own database (regions loaded) and the built web UI at '/'. */
export async function startBrowserApp(): Promise<BrowserApp> {
  let database: TestDatabase | undefined;
  let web: { directory: string; cleanup(): Promise<void> } | undefined;
  let app: App | undefined;
  try {
    web = await buildWebUi();
    database = await createTestDatabase();
    app = await buildServer({ db: database.db, logLevel: 'silent', webDirectory: web.directory });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const db = database.db;
    const started = { database, web, app };
    return {
      baseUrl: address,
      db,
      app,
      async createUser({ role, areaCode, areaRw, fullName }) {
        const password = `browser-${randomBytes(8).toString('hex')}`;
        const username = `${role.replaceAll('_', '.')}.${randomBytes(3).toString('hex')}`;
        const user = await createUser({
          db,
          actor: SYSTEM_ACTOR,
          input: {
            username,
            fullName: fullName ?? `Uji ${role}`,
            password,
            role,
            areaCode,
            areaRw: areaRw ?? (role === 'rt_rw_head' ? '001' : null),
          },
        });
        return { user, username: user.username, password };
      },
      async close() {
        await started.app.close();
        await started.database.drop();
        await started.web.cleanup();
      },
    };
  } catch (error) {
    await app?.close();
    await database?.drop();
    await web?.cleanup();
    throw error;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh browser context (own cookies and localStorage) with a phone-sized or desktop viewport. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  { phone = false }: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    locale: 'id-ID',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the login page and waits for the home page. */
export async function signIn(page: Page, { username, password }: { username: string; password: string }) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-page').waitFor();
}

/** Picks an option of a Mantine Select, opened by its test id, by the option's visible label. */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

export async function signOut(page: Page) {
  // On a phone the menu is a drawer behind the burger button.
  const burger = page.getByTestId('nav-burger');
  if (await burger.isVisible()) await burger.click();
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-form').waitFor();
}

/** Starts the app and Chromium before a test file's tests and stops both after; read them inside tests. */
export function useBrowserApp(): { readonly app: BrowserApp; readonly browser: Browser } {
  let app: BrowserApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('The browser app is not started yet (use it inside a hook or test)');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet (use it inside a hook or test)');
      return browser;
    },
  };
}
