// An auditor reads the audit log in the browser: who did what and when, filtered by user.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/auth/session-user.ts';
import { deactivateUser } from '../../src/auth/user-activity.ts';
import { newPage, signIn, useBrowserApp } from '../support/browser-app.ts';

describe('the audit log in the browser', () => {
  const running = useBrowserApp();

  it("lists the entries of the auditor's area, newest first, and narrows them to one user or one action", async () => {
    const { app, browser } = running;
    const auditor = await app.createUser({ role: 'auditor', areaCode: '31' });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    const elsewhere = await newPage(browser, app.baseUrl);
    await signIn(elsewhere.page, operator);
    await elsewhere.context.close();
    const leaver = await app.createUser({ role: 'verifier', areaCode: '31.74' });
    await deactivateUser({ db: app.db, actor: SYSTEM_ACTOR, userId: leaver.user.id });

    const { context, page } = await newPage(browser, app.baseUrl);
    await signIn(page, auditor);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    // The newest entry is the auditor's own sign-in, named in words.
    const newest = page.getByTestId('audit-entry').first();
    expect(await newest.getAttribute('data-action')).toBe('user.login');
    expect(await newest.textContent()).toContain(auditor.username);
    expect(await newest.textContent()).toContain('Masuk');
    // A change reads field by field, before → after.
    const deactivation = page.locator('[data-testid="audit-entry"][data-action="user.deactivate"]');
    expect(await deactivation.textContent()).toContain('active: true → false');

    await page.getByTestId('audit-filter-actor').fill(operator.username);
    await page.getByTestId('audit-filter-submit').click();
    await page.waitForURL((url) => url.searchParams.get('actor') === operator.username);
    await page.getByTestId('audit-total').filter({ hasText: '1 entri' }).waitFor();
    const entries = page.getByTestId('audit-entry');
    expect(await entries.count()).toBe(1);
    expect(await entries.first().getAttribute('data-action')).toBe('user.login');
    expect(await entries.first().textContent()).toContain(operator.username);

    // By action instead of user: the one deactivation.
    await page.getByTestId('audit-filter-actor').fill('');
    await page.getByTestId('audit-filter-action').click();
    await page.getByRole('option', { name: 'Pengguna dinonaktifkan' }).click();
    await page.getByTestId('audit-filter-submit').click();
    await page.waitForURL(
      (url) => url.searchParams.get('action') === 'user.deactivate' && !url.searchParams.has('actor'),
    );
    // The previous page stays on screen while the next loads: wait for the new entry itself.
    await deactivation.waitFor();
    expect(await entries.count()).toBe(1);
    expect(await page.getByTestId('audit-total').textContent()).toContain('1 entri');
    await context.close();
  }, 90_000);
});
