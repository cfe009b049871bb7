// An RT/RW head types a family in on a phone: the form takes no more than the server does, and each member is
// checked as a row of a submission that waits for the kelurahan review.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_FIELD_LIMITS } from '../../src/intake/intake-form-limits.ts';
import { chooseOption, newPage, signIn, useBrowserApp } from '../support/browser-app.ts';

describe('the web form of one family', () => {
  const running = useBrowserApp();

  it('sends a family of two from a phone; an address too long to store cannot be typed, a bad NIK is named', async () => {
    const { app, browser } = running;
    const neighbourhoodHead = await app.createUser({
      role: 'rt_rw_head',
      areaCode: '31.74.01.1001',
      areaRw: '002',
    });
    const { page, context } = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(page, neighbourhoodHead);
    await page.getByTestId('home-form').click();

    // The menu names the head's area (on a phone it sits in the closed drawer).
    const area = page.getByTestId('current-user-area');
    await area.filter({ hasText: 'Tebet Timur' }).waitFor({ state: 'attached' });
    expect(await area.textContent()).toBe('Ketua RT/RW · Tebet Timur (31.74.01.1001) · RW 002');

    // The head's own kelurahan and RW are filled in and cannot be changed.
    expect(await page.getByTestId('form-kelurahan').inputValue()).toBe('31.74.01.1001');
    expect(await page.getByTestId('form-rw').inputValue()).toBe('002');
    expect(await page.getByTestId('form-rw').getAttribute('readonly')).not.toBeNull();

    await page.getByTestId('form-kk').fill('3174010101100001');
    // An address longer than the server stores stops at its limit rather than being refused on sending.
    await page.getByTestId('form-address').fill(`JL. TEBET ${'X'.repeat(HOUSEHOLD_FIELD_LIMITS.address)}`);
    expect((await page.getByTestId('form-address').inputValue()).length).toBe(HOUSEHOLD_FIELD_LIMITS.address);
    await page.getByTestId('form-address').fill('JL. TEBET 1 NO. 5');
    await page.getByTestId('form-rt').fill('001');

    await page.getByTestId('form-member-name-0').fill('BUDI SANTOSO');
    await page.getByTestId('form-member-nik-0').fill('3174011708800001');
    await page.getByTestId('form-member-sex-0').getByText('Laki-laki').click();
    // A phone's number pad has no '/': the digits are laid out as on the KK, day first, whatever the phone's language.
    await page.getByTestId('form-member-birth-date-0').pressSequentially('17081980');
    expect(await page.getByTestId('form-member-birth-date-0').inputValue()).toBe('17/08/1980');
    await chooseOption(page, 'form-member-marital-status-0', 'Kawin');

    await page.getByTestId('form-add-member').click();
    await page.getByTestId('form-member-name-1').fill('SITI AMINAH');
    // Eleven digits: the member is stored, rejected, with the reason named on the NIK.
    await page.getByTestId('form-member-nik-1').fill('31740147078');
    await page.getByTestId('form-member-sex-1').getByText('Perempuan').click();
    await page.getByTestId('form-member-birth-date-1').fill('7/7/1985');
    await chooseOption(page, 'form-member-relationship-1', 'Istri');
    await chooseOption(page, 'form-member-marital-status-1', 'Kawin');

    // The two questions that decide eligibility have no answer until one is chosen; "don't know" is one.
    expect(await page.getByTestId('form-fixed-income').getAttribute('data-value')).toBe('');
    expect(await page.getByTestId('form-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('form-missing-choice').allTextContents()).toEqual([
      'Jawab pertanyaan penghasilan tetap dan terdampak COVID.',
    ]);
    await page.getByTestId('form-fixed-income').getByText('Tidak', { exact: true }).click();
    await page.getByTestId('form-covid-affected').getByText('Tidak tahu').click();
    expect(await page.getByTestId('form-missing-choice').count()).toBe(0);
    await page.getByTestId('form-submit').click();

    const result = page.getByTestId('form-result');
    await result.waitFor();
    expect(await result.getAttribute('data-rejected')).toBe('1');
    expect(await page.getByTestId('form-member-result-0').getAttribute('data-validation')).toBe('accepted');
    const wife = page.getByTestId('form-member-result-1');
    expect(await wife.getAttribute('data-validation')).toBe('rejected');
    expect(await wife.getByTestId('row-problem').first().getAttribute('data-field')).toBe('nik');

    // The submission holds both members, waiting for the kelurahan's review.
    await page.getByTestId('form-open-submission').click();
    await page.getByTestId('submission-detail').waitFor();
    expect(await page.getByTestId('count-rows').getAttribute('data-value')).toBe('2');
    expect(await page.getByTestId('count-rejected').getAttribute('data-value')).toBe('1');
    // "Don't know" is stored as unknown, as a blank cell of a file is; the birth date is the day typed.
    const stored = await sql<{
      fixed_income: boolean | null;
      covid_affected: boolean | null;
      birth_date: string;
    }>`
      select fixed_income, covid_affected, birth_date::text from intake_row where kk_number = '3174010101100001'
      order by row_number`.execute(app.db);
    expect(stored.rows).toEqual([
      { fixed_income: false, covid_affected: null, birth_date: '1980-08-17' },
      { fixed_income: false, covid_affected: null, birth_date: '1985-07-07' },
    ]);
    await context.close();
  });
  it("asks each member's relationship before sending, leaves marital status optional, and shows a refusal in view", async () => {
    const { app, browser } = running;
    const neighbourhoodHead = await app.createUser({
      role: 'rt_rw_head',
      areaCode: '31.74.01.1001',
      areaRw: '003',
    });
    const { page, context } = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(page, neighbourhoodHead);
    await page.getByTestId('home-form').click();
    await page.getByTestId('form-kk').fill('3174010101100031');
    await page.getByTestId('form-address').fill('JL. TEBET 3 NO. 1');
    await page.getByTestId('form-rt').fill('004');
    await page.getByTestId('form-fixed-income').getByText('Tidak', { exact: true }).click();
    await page.getByTestId('form-covid-affected').getByText('Ya', { exact: true }).click();
    await page.getByTestId('form-member-name-0').fill('JOKO WIDODO');
    await page.getByTestId('form-member-nik-0').fill('3174011708800031');
    await page.getByTestId('form-member-sex-0').getByText('Laki-laki').click();
    await page.getByTestId('form-member-birth-date-0').pressSequentially('17081980');
    // Marital status is not stated, as a blank cell of a file: chosen, then cleared again.
    await chooseOption(page, 'form-member-marital-status-0', 'Kawin');
    await page.getByTestId('form-member-marital-status-clear-0').click();
    expect(await page.getByTestId('form-member-marital-status-0').inputValue()).toBe('');

    // A member added without a relationship holds the form back, with the reason under it.
    await page.getByTestId('form-add-member').click();
    await page.getByTestId('form-member-name-1').fill('RINA');
    await page.getByTestId('form-member-nik-1').fill('3174015203100031');
    await page.getByTestId('form-member-sex-1').getByText('Perempuan').click();
    await page.getByTestId('form-member-birth-date-1').fill('12/03/2010');
    expect(await page.getByTestId('form-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('form-missing-choice').allTextContents()).toEqual([
      'Pilih hubungan keluarga setiap anggota.',
    ]);
    await chooseOption(page, 'form-member-relationship-1', 'Anak');
    expect(await page.getByTestId('form-missing-choice').count()).toBe(0);

    // A refusal by the server is scrolled into view, its long words wrapped inside the box.
    const refusal = `Anggota 1, Status perkawinan: ${'pilihan-tidak-valid-'.repeat(12)}`;
    await page.route('**/api/intake/forms', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'validation_failed', message: refusal }),
      }),
    );
    await page.getByTestId('form-submit').click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(refusal);
    await expect
      .poll(() =>
        error.evaluate((element) => {
          const box = element.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    expect(
      await error.evaluate((element) => ({
        inside: element.scrollWidth <= element.clientWidth,
        page: document.documentElement.scrollWidth <= window.innerWidth,
      })),
    ).toEqual({ inside: true, page: true });
    await page.unroute('**/api/intake/forms');

    // Sent for real: both accepted, the head's marital status stored as not stated.
    await page.getByTestId('form-submit').click();
    const result = page.getByTestId('form-result');
    await result.waitFor();
    expect(await result.getAttribute('data-rejected')).toBe('0');
    const stored = await sql<{ relationship: string | null; marital_status: string | null }>`
      select relationship, marital_status from intake_row where kk_number = '3174010101100031'
      order by row_number`.execute(app.db);
    expect(stored.rows).toEqual([
      { relationship: 'head', marital_status: null },
      { relationship: 'child', marital_status: null },
    ]);
    await context.close();
  }, 90_000);
});
