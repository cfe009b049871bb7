// Bahasa Indonesia is the default; English is one click away and remembered on the device.
import { describe, expect, it } from 'vitest';
import { newPage, signIn, useBrowserApp } from '../support/browser-app.ts';

describe('language switch', () => {
  const running = useBrowserApp();

  it('changes the labels to English and back, and remembers the choice', async () => {
    const { app, browser } = running;
    const neighbourhoodHead = await app.createUser({
      role: 'rt_rw_head',
      areaCode: '31.74.01.1001',
      areaRw: '001',
    });
    const { context, page } = await newPage(browser, app.baseUrl);

    await page.goto('/login');
    expect(await page.getByTestId('login-submit').textContent()).toBe('Masuk');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');

    await page.getByTestId('language-en').click();
    await page.getByText('Sign in', { exact: true }).first().waitFor();
    expect(await page.getByTestId('login-submit').textContent()).toBe('Sign in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Remembered after a reload and after signing in.
    await page.reload();
    expect(await page.getByTestId('login-submit').textContent()).toBe('Sign in');
    await signIn(page, neighbourhoodHead);
    expect(await page.getByTestId('nav-upload').textContent()).toBe('Upload list');
    expect(await page.getByTestId('home-upload').textContent()).toContain('Upload list');
    expect(await page.getByTestId('nav-submissions').textContent()).toBe('My submissions');

    await page.getByTestId('language-id').click();
    await page.getByTestId('nav-upload').getByText('Unggah daftar').waitFor();
    expect(await page.getByTestId('nav-submissions').textContent()).toBe('Kiriman saya');
    await context.close();
  }, 90_000);
});
