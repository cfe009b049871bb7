// A verifier corrects a family and records a death on its page; the history shows each change with its reason.
import { describe, expect, it } from 'vitest';
import { insertTestFamily } from '../../src/verification/review/review-test-support.ts';
import { newPage, signIn, useBrowserApp } from '../support/browser-app.ts';

describe('editing a family in the browser', () => {
  const running = useBrowserApp();

  it('corrects the address, records the head’s death with date and source, and shows both in the history', async () => {
    const { app, browser } = running;
    const family = await insertTestFamily(app.db, {
      kkNumber: '3174010101100001',
      kelurahanCode: '31.74.01.1001',
      members: [
        { fullName: 'BUDI SANTOSO', nik: '3174010505800001' },
        {
          fullName: 'SITI AMINAH',
          nik: '3174014707850002',
          sex: 'P',
          relationship: 'wife',
          birthDate: '1985-07-07',
        },
      ],
    });
    const verifier = await app.createUser({ role: 'verifier', areaCode: '31.74' });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });

    const { context, page } = await newPage(browser, app.baseUrl);
    await signIn(page, verifier);
    await page.goto(`/households/${family.householdId}`);
    await page.getByTestId('household-detail').waitFor();

    await page.getByTestId('family-edit').click();
    await page.getByTestId('edit-address').fill('Jl. Tebet Timur Dalam II No. 5');
    // Saving waits for a reason.
    expect(await page.getByTestId('edit-save').isDisabled()).toBe(true);
    await page.getByTestId('edit-reason').fill('Sesuai KK terbaru');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('family-edit-form').waitFor({ state: 'detached' });
    await page.getByText('Jl. Tebet Timur Dalam II No. 5').first().waitFor();

    const head = page.locator(`[data-testid="member-row"][data-member-id="${family.memberIds[0]}"]`);
    await head.getByTestId('member-edit').click();
    await page.getByTestId('edit-member-life-status').getByText('Meninggal').click();
    await page.getByTestId('edit-member-death-date').pressSequentially('04032021');
    expect(await page.getByTestId('edit-member-death-date').inputValue()).toBe('04/03/2021');
    await page.getByTestId('edit-member-death-source').fill('Akta kematian');
    await page.getByTestId('edit-reason').fill('Akta kematian dilihat petugas');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('member-edit-form').waitFor({ state: 'detached' });
    await head.getByTestId('member-life-status').filter({ hasText: 'Meninggal 04/03/2021' }).waitFor();
    expect(await head.getByTestId('member-death-source').textContent()).toContain('Akta kematian');

    const history = page.getByTestId('history-item');
    await history.filter({ hasText: 'Akta kematian dilihat petugas' }).first().waitFor();
    const texts = await history.allTextContents();
    expect(texts.some((text) => text.includes('Alamat') && text.includes('Sesuai KK terbaru'))).toBe(true);
    expect(texts.some((text) => text.includes('Keadaan') && text.includes('Hidup → Meninggal'))).toBe(true);
    // Dates read day first, as on the KK.
    expect(texts.some((text) => text.includes('Tanggal meninggal') && text.includes('04/03/2021'))).toBe(
      true,
    );
    expect(texts.some((text) => text.includes(verifier.username))).toBe(true);
    await context.close();

    // The kelurahan operator reads the family but has nothing to edit it with.
    const other = await newPage(browser, app.baseUrl);
    await signIn(other.page, operator);
    await other.page.goto(`/households/${family.householdId}`);
    await other.page.getByTestId('household-detail').waitFor();
    expect(await other.page.getByTestId('family-edit').count()).toBe(0);
    expect(await other.page.getByTestId('member-edit').count()).toBe(0);
    await other.context.close();
  }, 90_000);
});
