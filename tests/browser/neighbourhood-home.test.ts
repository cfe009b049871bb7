// An RT/RW head opens Tepat on a phone and sees at once what became of their latest list.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../../src/auth/session-user.ts';
import { scopeOf } from '../../src/auth/user-scope.ts';
import { reviewSubmission } from '../../src/intake/review-submission.ts';
import { submitIntakeFile } from '../../src/intake/submit-intake-file.ts';
import { newPage, signIn, useBrowserApp } from '../support/browser-app.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid';
const ROWS = [
  '3174010101100021,3174010505800021,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,JL. TEBET 1,001,002,31.74.01.1001,,T,Y',
  '3174010101100022,3174011212700022,JOKO,L,JAKARTA,12/12/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 9,001,002,31.74.01.1001,,T,Y',
];

describe("the RT/RW head's home page", () => {
  const running = useBrowserApp();

  it('lists their latest submissions with the rows the kelurahan returned', async () => {
    const { app, browser } = running;
    const head = await app.createUser({ role: 'rt_rw_head', areaCode: '31.74.01.1001', areaRw: '002' });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    const directory = await mkdtemp(path.join(tmpdir(), 'tepat-home-'));
    let submissionId: number;
    try {
      const filePath = path.join(directory, 'daftar-rw002.csv');
      await writeFile(filePath, `${HEADER}\n${ROWS.join('\n')}\n`);
      ({ submissionId } = await submitIntakeFile({
        db: app.db,
        actor: actorOf(head.user),
        scope: scopeOf(head.user),
        filePath,
        fileName: 'daftar-rw002.csv',
        channel: 'upload',
        forwardImmediately: false,
      }));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    await reviewSubmission({
      db: app.db,
      user: operator.user,
      submissionId,
      decisions: [{ rowNumber: 3, decision: 'return', reason: 'Alamat tidak sesuai KK' }],
    });

    const { context, page } = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(page, head);
    const recent = page.getByTestId('home-recent-submissions');
    const row = recent.locator(`[data-testid="submission-row"][data-submission-id="${submissionId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('daftar-rw002.csv');
    expect(await row.getByTestId('submission-returned').textContent()).toBe('1');
    await context.close();
  }, 90_000);
  it('tells the head of rows returned in older submissions and lists those submissions', async () => {
    const { app, browser } = running;
    const head = await app.createUser({ role: 'rt_rw_head', areaCode: '31.74.01.1001', areaRw: '004' });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    const directory = await mkdtemp(path.join(tmpdir(), 'tepat-home-'));
    const submissionIds: number[] = [];
    try {
      // Six lists of one family each; only the oldest, no longer among the five shown, has rows returned.
      for (let index = 1; index <= 6; index++) {
        const filePath = path.join(directory, `daftar-${index}.csv`);
        const serial = String(40 + index).padStart(4, '0');
        const rows = [
          `317401010110${serial},317401050580${serial},WARGA ${'BCDEFG'[index - 1]},L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET ${index},001,004,31.74.01.1001,,T,Y`,
          `317401010110${serial},317401450585${serial},SITI ${'BCDEFG'[index - 1]},P,JAKARTA,05/05/1985,ISTRI,KAWIN,,JL. TEBET ${index},001,004,31.74.01.1001,,T,Y`,
        ];
        await writeFile(filePath, `${HEADER}\n${rows.join('\n')}\n`);
        const { submissionId } = await submitIntakeFile({
          db: app.db,
          actor: actorOf(head.user),
          scope: scopeOf(head.user),
          filePath,
          fileName: `daftar-${index}.csv`,
          channel: 'upload',
          forwardImmediately: false,
        });
        submissionIds.push(submissionId);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    await reviewSubmission({
      db: app.db,
      user: operator.user,
      submissionId: submissionIds[0],
      decisions: [
        { rowNumber: 2, decision: 'return', reason: 'Alamat tidak sesuai KK' },
        { rowNumber: 3, decision: 'return', reason: 'Alamat tidak sesuai KK' },
      ],
    });

    const { context, page } = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(page, head);
    const recent = page.getByTestId('home-recent-submissions');
    await recent.getByTestId('submission-row').first().waitFor();
    expect(await recent.locator(`[data-submission-id="${submissionIds[0]}"]`).count()).toBe(0);
    const notice = page.getByTestId('home-returned-rows');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      '2 baris dikembalikan kepada Anda — perbaiki dan kirim lagi',
    );
    await notice.getByRole('link').click();
    await page.waitForURL(/\/intake\/submissions\?returned=1$/);
    const listed = page.getByTestId('submissions-table').getByTestId('submission-row');
    await listed.first().waitFor();
    // The list is drawn again when the filtered answer arrives: wait for that one rather than the first drawn.
    await expect
      .poll(() => listed.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-submission-id'))))
      .toEqual([String(submissionIds[0])]);
    await context.close();
  }, 90_000);
});
