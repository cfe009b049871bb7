// An RT/RW head uploads a list, the kelurahan operator corrects and forwards it, a verifier finds the family.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../../src/auth/session-user.ts';
import { scopeOf } from '../../src/auth/user-scope.ts';
import { reviewSubmission } from '../../src/intake/review-submission.ts';
import { submitIntakeFile } from '../../src/intake/submit-intake-file.ts';
import { newPage, signIn, signOut, useBrowserApp } from '../support/browser-app.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref';
const GOOD_FAMILY = [
  '3174010101100001,3174010505800001,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,JL. TEBET 1,001,002,31.74.01.1001,081234567890,T,Y,A1',
  '3174010101100001,3174014707850002,SITI AMINAH,P,JAKARTA,07/07/1985,ISTRI,KAWIN,MENGURUS RUMAH TANGGA,JL. TEBET 1,001,002,31.74.01.1001,,T,Y,A2',
];
// Row 4 of the file: an NIK with only 11 digits.
const BAD_NIK_ROW =
  '3174010101100002,31740112345,AHMAD FAUZI,L,JAKARTA,01/01/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 2,001,002,31.74.01.1001,,T,Y,B1';
const CORRECTED_NIK = '3174010101700001';

/** A number written in letters (1 → B, 26 → BA): names may not hold digits. */
function lettersOf(number: number): string {
  return [...number.toString(26)]
    .map((digit) => String.fromCharCode(65 + Number.parseInt(digit, 26)))
    .join('');
}

describe('upload → review → arrival in the registry', () => {
  const running = useBrowserApp();

  it('shows the bad row to the RT/RW head, lets the operator correct and forward it, and the verifier finds the family', async () => {
    const { app, browser } = running;
    const neighbourhoodHead = await app.createUser({
      role: 'rt_rw_head',
      areaCode: '31.74.01.1001',
      areaRw: '002',
    });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    const verifier = await app.createUser({ role: 'verifier', areaCode: '31.74' });

    // The RT/RW head works on a phone.
    const phone = await newPage(browser, app.baseUrl, { phone: true });
    const page = phone.page;
    await signIn(page, neighbourhoodHead);
    await page.getByTestId('home-upload').click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'daftar-rw002.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\n${GOOD_FAMILY.join('\n')}\n${BAD_NIK_ROW}\n`, 'utf8'),
    });
    await page.getByTestId('upload-submit').click();
    const result = page.getByTestId('upload-result');
    await result.waitFor();
    const submissionId = await result.getAttribute('data-submission-id');
    expect(submissionId).toMatch(/^\d+$/);
    expect(await page.getByTestId('count-rows').getAttribute('data-value')).toBe('3');
    expect(await page.getByTestId('count-rejected').getAttribute('data-value')).toBe('1');
    // The report opens on the rejected rows and names the row and the field.
    const badRow = page.getByTestId('row-4');
    await badRow.waitFor();
    expect(await badRow.getAttribute('data-validation')).toBe('rejected');
    const problem = badRow.getByTestId('row-problem').first();
    expect(await problem.getAttribute('data-field')).toBe('nik');
    expect(await problem.textContent()).toContain('NIK');
    await expect(page.getByTestId('row-2').count()).resolves.toBe(0);
    await page.getByTestId('filter-all').click();
    await page.getByTestId('row-2').waitFor();
    await signOut(page);
    await phone.context.close();

    // The kelurahan operator corrects the rejected row and forwards everything.
    const desktop = await newPage(browser, app.baseUrl);
    const office = desktop.page;
    await signIn(office, operator);
    await office.getByTestId('home-waiting-review').getByTestId(`submission-link-${submissionId}`).click();
    await office.getByTestId('submission-detail').waitFor();
    await office.getByTestId('edit-row-4').click();
    await office.getByTestId('edit-field-nik').fill(CORRECTED_NIK);
    await office.getByTestId('edit-save').click();
    const editResult = office.getByTestId('edit-result');
    await editResult.waitFor();
    expect(await editResult.getAttribute('data-validation')).toBe('accepted');
    await office.getByTestId('edit-close').click();
    await office.waitForFunction(
      () => document.querySelector('[data-testid="count-rejected"]')?.getAttribute('data-value') === '0',
    );
    await office.getByTestId('review-forward-all').click();
    await office.getByTestId('review-forward-all-confirm').click();
    await office.waitForFunction(
      () => document.querySelector('[data-testid="count-forwarded"]')?.getAttribute('data-value') === '3',
    );
    await office.getByTestId('filter-all').click();
    expect(await office.getByTestId('row-4').getAttribute('data-review')).toBe('forwarded');
    await signOut(office);

    // A Dinas Sosial verifier finds the family in the registry.
    await signIn(office, verifier);
    await office.getByTestId('household-search-input').fill('BUDI SANTOSO');
    await office.getByTestId('household-search-submit').click();
    const familyRow = office.getByTestId('household-row').filter({ hasText: 'BUDI SANTOSO' });
    await familyRow.waitFor();
    await familyRow.getByRole('link').click();
    await office.getByTestId('household-detail').waitFor();
    const members = office.getByTestId('member-row');
    await expect(members.count()).resolves.toBe(2);
    await office.getByTestId('members-table').getByText('SITI AMINAH').waitFor();
    // The facts the eligibility rule reads, as the list gave them (penghasilan tetap T, terdampak COVID Y).
    expect(await office.getByTestId('household-fixed-income').textContent()).toBe('Tidak');
    expect(await office.getByTestId('household-covid-affected').textContent()).toBe('Ya');
    // NIKs are masked until revealed; the notice says the reveal is logged.
    expect(await office.getByTestId('members-table').textContent()).not.toContain('3174010505800001');
    await office.getByTestId('reveal-notice').waitFor();
    await office.getByTestId('reveal-button').click();
    await office.getByTestId('members-table').getByText('3174010505800001').waitFor();
    await desktop.context.close();
  }, 120_000);
  it('shows a laptop operator the correct button, and counts the accepted rows still waiting before forwarding all', async () => {
    const { app, browser } = running;
    const head = await app.createUser({ role: 'rt_rw_head', areaCode: '31.74.01.1001', areaRw: '007' });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    // 1,200 one-person families (rows 2-1201), then two rows with an 11-digit NIK (rows 1202 and 1203).
    const families = Array.from({ length: 1200 }, (_, index) => {
      const serial = String(index + 1).padStart(4, '0');
      return `317401020210${serial},317401060681${serial},WARGA ${lettersOf(index + 1)},L,JAKARTA,06/06/1981,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 7,001,007,31.74.01.1001,,T,Y,`;
    });
    const badRows = [
      '3174010101109001,31740112345,AHMAD FAUZI,L,JAKARTA,01/01/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 8,001,007,31.74.01.1001,,T,Y,',
      '3174010101109002,31740154321,BAMBANG HARTONO,L,JAKARTA,01/01/1971,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 9,001,007,31.74.01.1001,,T,Y,',
    ];
    const directory = await mkdtemp(path.join(tmpdir(), 'tepat-review-'));
    let submissionId: number;
    try {
      const filePath = path.join(directory, 'daftar-rw007.csv');
      await writeFile(filePath, `${HEADER}\n${[...families, ...badRows].join('\n')}\n`);
      ({ submissionId } = await submitIntakeFile({
        db: app.db,
        actor: actorOf(head.user),
        scope: scopeOf(head.user),
        filePath,
        fileName: 'daftar-rw007.csv',
        channel: 'upload',
        forwardImmediately: false,
      }));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    // Two accepted rows and one rejected row go back to the head, three accepted rows are forwarded.
    await reviewSubmission({
      db: app.db,
      user: operator.user,
      submissionId,
      decisions: [
        { rowNumber: 2, decision: 'return', reason: 'Alamat tidak sesuai KK' },
        { rowNumber: 3, decision: 'return', reason: 'Alamat tidak sesuai KK' },
        { rowNumber: 1203, decision: 'return', reason: 'NIK kurang digit' },
        { rowNumber: 4, decision: 'forward' },
        { rowNumber: 5, decision: 'forward' },
        { rowNumber: 6, decision: 'forward' },
      ],
    });

    const { context, page } = await newPage(browser, app.baseUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, operator);
    await page.goto(`/intake/submissions/${submissionId}`);
    await page.getByTestId('submission-detail').waitFor();
    await page.getByTestId('filter-rejected').click();
    const correct = page.getByTestId('edit-row-1202');
    await correct.waitFor();
    // Visible without scrolling the table sideways: inside every box that clips it, and inside the window.
    const clipped = await correct.evaluate((button) => {
      const box = button.getBoundingClientRect();
      const outside: string[] = [];
      if (box.right > window.innerWidth) outside.push('window');
      for (let parent = button.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === 'visible') continue;
        const frame = parent.getBoundingClientRect();
        if (box.left < frame.left - 1 || box.right > frame.right + 1) outside.push(parent.className);
      }
      return outside;
    });
    expect(clipped).toEqual([]);

    // 1,200 accepted, 3 forwarded, 2 returned: 1,195 wait, written the Indonesian way.
    await page.getByTestId('review-forward-all').click();
    const confirmation = page.getByTestId('review-forward-all-message');
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain('1.195 baris yang diterima');
    await page.getByTestId('review-forward-all-confirm').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="count-forwarded"]')?.getAttribute('data-value') === '1198',
      undefined,
      { timeout: 60_000 },
    );
    await context.close();
  }, 150_000);

  it('gives templates that hold no family: uploaded unchanged, the file is refused as having no rows', async () => {
    const { app, browser } = running;
    const head = await app.createUser({ role: 'rt_rw_head', areaCode: '31.74.01.1001', areaRw: '008' });
    const { context, page } = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(page, head);
    await page.getByTestId('home-upload').click();
    for (const [button, name] of [
      ['template-xlsx', 'templat.xlsx'],
      ['template-csv', 'templat.csv'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
      const content = await readFile(await download.path());
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: content });
      await page.getByTestId('upload-submit').click();
      const problems = page.getByTestId('file-problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain('tidak ada baris di bawah judul kolom');
      await page.reload();
    }
    const stored = await app.db
      .selectFrom('intake_row')
      .select('kk_number')
      .where('kk_number', '=', '3174010102090001')
      .execute();
    expect(stored).toEqual([]);
    await context.close();
  }, 90_000);
});
