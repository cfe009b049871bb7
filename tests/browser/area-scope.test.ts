// A kelurahan operator never sees a family of another kelurahan: not by its address, not in search.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_COUNTRY } from '../../src/auth/area-scope.ts';
import { SYSTEM_ACTOR } from '../../src/auth/session-user.ts';
import { submitIntakeFile } from '../../src/intake/submit-intake-file.ts';
import { newPage, signIn, useBrowserApp } from '../support/browser-app.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref';
const OWN_FAMILY =
  '3174010101100011,3174014505800011,DEWI LESTARI,P,JAKARTA,05/05/1980,KEPALA KELUARGA,CERAI MATI,PEDAGANG,JL. TEBET 11,001,001,31.74.01.1001,,T,Y,S1';
const OTHER_FAMILY =
  '3174010101100012,3174010606750012,JOKO WIDODO SUSILO,L,JAKARTA,06/06/1975,KEPALA KELUARGA,KAWIN,OJEK,JL. TEBET 12,002,003,31.74.01.1002,,T,Y,S2';

describe('area scope in the browser', () => {
  const running = useBrowserApp();
  let ownHouseholdId: number;
  let otherHouseholdId: number;

  beforeAll(async () => {
    const { app } = running;
    const directory = await mkdtemp(path.join(tmpdir(), 'tepat-scope-'));
    try {
      const filePath = path.join(directory, 'families.csv');
      await writeFile(filePath, `${HEADER}\n${OWN_FAMILY}\n${OTHER_FAMILY}\n`);
      const result = await submitIntakeFile({
        db: app.db,
        actor: SYSTEM_ACTOR,
        scope: WHOLE_COUNTRY,
        filePath,
        fileName: 'families.csv',
        channel: 'cli',
        forwardImmediately: true,
      });
      expect(result.fileError).toBeNull();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const households = await app.db.selectFrom('household').select(['id', 'kelurahan_code']).execute();
    expect(households.map((household) => household.kelurahan_code).sort()).toEqual([
      '31.74.01.1001',
      '31.74.01.1002',
    ]);
    ownHouseholdId = households.find((household) => household.kelurahan_code === '31.74.01.1001')!.id;
    otherHouseholdId = households.find((household) => household.kelurahan_code === '31.74.01.1002')!.id;
  });

  it('refuses the family of another kelurahan and never lists it', async () => {
    const { app, browser } = running;
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    const { context, page } = await newPage(browser, app.baseUrl);
    await signIn(page, operator);

    // Their own family opens.
    await page.goto(`/households/${ownHouseholdId}`);
    await page.getByTestId('household-detail').waitFor();
    await page.getByText('DEWI LESTARI').first().waitFor();

    // The other kelurahan's family reads as not found (or outside the area), with none of its data.
    await page.goto(`/households/${otherHouseholdId}`);
    await page.getByTestId('household-not-found').waitFor();
    expect(await page.getByTestId('household-detail').count()).toBe(0);
    expect(await page.content()).not.toContain('JOKO WIDODO SUSILO');

    // Search by name finds nothing; the full list of the area holds only their own family.
    await page.goto('/households?q=JOKO%20WIDODO%20SUSILO');
    await page.getByTestId('household-search-empty').waitFor();
    await page.goto('/households?q=3174010606750012');
    await page.getByTestId('household-search-empty').waitFor();
    await page.goto('/households');
    await page.getByTestId('household-results').waitFor();
    const listed = await page
      .getByTestId('household-row')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-household-id'))));
    expect(listed).toContain(ownHouseholdId);
    expect(listed).not.toContain(otherHouseholdId);
    expect(await page.getByTestId('household-results').textContent()).not.toContain('JOKO WIDODO SUSILO');
    await context.close();
  }, 90_000);

  it("names the data team's import, sent by no person and for families of two kelurahan, in the submissions list", async () => {
    const { app, browser } = running;
    const verifier = await app.createUser({ role: 'verifier', areaCode: '31.74' });
    const { context, page } = await newPage(browser, app.baseUrl);
    await signIn(page, verifier);
    await page.goto('/intake/submissions');
    const row = page.getByTestId('submission-row').filter({ hasText: 'families.csv' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Wilayah per baris');
    expect(text).toContain('Impor sistem');
    await context.close();
  }, 90_000);
});
