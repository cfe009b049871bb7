// An operator forgets their password: the administrator gives a new one, and the operator replaces it on a phone.
import { describe, expect, it } from 'vitest';
import { newPage, signIn, signOut, useBrowserApp } from '../support/browser-app.ts';

describe('passwords in the browser', () => {
  const running = useBrowserApp();

  it('an administrator lets a user in again and resets their password, shown once; the user signs in with it and changes it', async () => {
    const { app, browser } = running;
    const administrator = await app.createUser({ role: 'administrator', areaCode: '31.74' });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });

    const desk = await newPage(browser, app.baseUrl);
    await signIn(desk.page, administrator);
    await desk.page.goto('/users');
    // Stopped by mistake and let in again, from the same list.
    const row = desk.page.locator(`[data-testid="user-row"][data-username="${operator.username}"]`);
    await desk.page.getByTestId(`user-deactivate-${operator.username}`).click();
    await desk.page.getByTestId('user-deactivate-confirm').click();
    await desk.page.getByTestId(`user-activate-${operator.username}`).click();
    await desk.page.getByTestId(`user-reset-password-${operator.username}`).waitFor();
    expect(await row.getByTestId(`user-activate-${operator.username}`).count()).toBe(0);
    await desk.page.getByTestId(`user-reset-password-${operator.username}`).click();
    await desk.page.getByTestId('user-reset-password-confirm').click();
    const given = (await desk.page.getByTestId('user-reset-password-value').textContent()) ?? '';
    expect(given).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await desk.page.getByTestId('user-reset-password-close').click();
    await desk.context.close();

    const phone = await newPage(browser, app.baseUrl, { phone: true });
    const { page } = phone;
    // The old password no longer opens a session.
    await page.goto('/login');
    await page.getByTestId('login-username').fill(operator.username);
    await page.getByTestId('login-password').fill(operator.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();

    await signIn(page, { username: operator.username, password: given });
    await page.getByTestId('nav-burger').click();
    await page.getByTestId('nav-change-password').click();
    await page.getByTestId('password-form').waitFor();
    await page.getByTestId('password-current').fill(given);
    await page.getByTestId('password-new').fill('tebet-timur-rw-01');
    await page.getByTestId('password-repeat').fill('tebet-timur-rw-02');
    expect(await page.getByTestId('password-submit').isDisabled()).toBe(true);
    await page.getByTestId('password-repeat').fill('tebet-timur-rw-01');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor();

    await signOut(page);
    await signIn(page, { username: operator.username, password: 'tebet-timur-rw-01' });
    await phone.context.close();
  }, 90_000);
});
