// Bahasa Indonesia is the default; English is one click away and remembered on the device.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../../src/auth/session-user.ts';
import { scopeOf } from '../../src/auth/user-scope.ts';
import { submitIntakeFile } from '../../src/intake/submit-intake-file.ts';
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
  it("words the server's row problems in the new language at once", async () => {
    const { app, browser } = running;
    const head = await app.createUser({ role: 'rt_rw_head', areaCode: '31.74.01.1001', areaRw: '001' });
    const directory = await mkdtemp(path.join(tmpdir(), 'tepat-language-'));
    let submissionId: number;
    try {
      const filePath = path.join(directory, 'daftar.csv');
      await writeFile(
        filePath,
        'no_kk,nik,nama,jenis_kelamin,tanggal_lahir,hubungan_keluarga,alamat,rt,rw,kode_kelurahan\n' +
          '3174010101100051,31740112345,AHMAD,L,01/01/1970,KEPALA KELUARGA,JL. TEBET 5,001,001,31.74.01.1001\n',
      );
      ({ submissionId } = await submitIntakeFile({
        db: app.db,
        actor: actorOf(head.user),
        scope: scopeOf(head.user),
        filePath,
        fileName: 'daftar.csv',
        channel: 'upload',
        forwardImmediately: false,
      }));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const { context, page } = await newPage(browser, app.baseUrl);
    await signIn(page, head);
    await page.goto(`/intake/submissions/${submissionId}`);
    const problem = page.getByTestId('row-2').getByTestId('row-problem').first();
    await problem.waitFor();
    expect(await problem.textContent()).toContain('harus 16 digit');
    await page.getByTestId('language-en').click();
    await expect.poll(() => problem.textContent(), { timeout: 5_000 }).toContain('must be 16');
    await context.close();
  }, 90_000);
});
