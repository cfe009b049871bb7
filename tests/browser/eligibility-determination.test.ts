// A verifier prepares the recipient list of Jakarta Selatan, cannot sign it himself, an approver signs it, a family
// is edited in the registry afterwards, and the signed list stays as it was; the next cycle shows the change.
import { describe, expect, it } from 'vitest';
import { newPage, signIn, signOut, useBrowserApp } from '../support/browser-app.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref';
const familyRows = (fixedIncome: 'Y' | 'T') => [
  `3174010101100001,3174010505800001,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,JL. TEBET 1,001,002,31.74.01.1001,,${fixedIncome},Y,A1`,
  `3174010101100002,3174011212700001,JOKO WIDODO,L,JAKARTA,12/12/1970,KEPALA KELUARGA,KAWIN,BURUH,JL. TEBET 9,001,002,31.74.01.1001,,T,Y,B1`,
];

describe('prepare → refuse self-signing → sign → registry edit → frozen list', () => {
  const running = useBrowserApp();

  it('keeps the signed list unchanged after a family is edited, and lists the change for the next cycle', async () => {
    const { app, browser } = running;
    const neighbourhoodHead = await app.createUser({
      role: 'rt_rw_head',
      areaCode: '31.74.01.1001',
      areaRw: '002',
    });
    const operator = await app.createUser({ role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    const verifier = await app.createUser({
      role: 'verifier',
      areaCode: '31.74',
      fullName: 'Vera Verifikator',
    });
    const approver = await app.createUser({ role: 'approver', areaCode: '31.74', fullName: 'Adi Penetap' });

    // The families arrive through the RT/RW head and the kelurahan, as every listing does.
    const headCookie = await loginCookie(neighbourhoodHead);
    const operatorCookie = await loginCookie(operator);
    const submitAndForward = async (rows: string[]) => {
      const boundary = '----tepat-browser-boundary';
      const upload = await app.app.inject({
        method: 'POST',
        url: '/api/intake/uploads',
        headers: { cookie: headCookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload:
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rw002.csv"\r\n` +
          `Content-Type: text/csv\r\n\r\n${[HEADER, ...rows].join('\n')}\n\r\n--${boundary}--\r\n`,
      });
      expect(upload.statusCode).toBe(200);
      const review = await app.app.inject({
        method: 'POST',
        url: `/api/intake/submissions/${upload.json().submission.id}/review`,
        headers: { cookie: operatorCookie },
        payload: { forwardAllAccepted: true },
      });
      expect(review.statusCode).toBe(200);
    };
    await submitAndForward(familyRows('T'));

    // The verifier opens the July cycle and prepares the list of Kota Jakarta Selatan.
    const verifierSession = await newPage(browser, app.baseUrl);
    const page = verifierSession.page;
    await signIn(page, verifier);
    await page.getByTestId('nav-cycles').click();
    await page.getByTestId('cycle-period').fill('2021-07');
    await page.getByTestId('cycle-create').click();
    await page.getByTestId('prepare-31.74').click();
    await page.getByTestId('list-status').waitFor();
    const listUrl = page.url();
    expect(listUrl).toMatch(/\/determinations\/\d+$/);
    expect(await page.getByTestId('count-eligible').textContent()).toBe('2');
    expect(await page.getByTestId('total-amount').textContent()).toBe('Rp600.000');

    // He cannot sign what he prepared.
    await page.getByTestId('sign-list').click();
    await page.getByTestId('sign-error').waitFor();
    expect(await page.getByTestId('sign-error').textContent()).toContain('orang lain (penetap)');
    expect(await page.getByTestId('list-status-badge').textContent()).toBe('Disiapkan, belum ditetapkan');
    await signOut(page);

    // The approver signs it.
    await signIn(page, approver);
    await page.goto(listUrl);
    await page.getByTestId('sign-list').click();
    await page.getByTestId('signed-by').waitFor();
    expect(await page.getByTestId('list-status-badge').textContent()).toBe('Ditetapkan');
    expect(await page.getByTestId('signed-by').textContent()).toContain('Adi Penetap');
    await expect(page.getByTestId('sign-list').count()).resolves.toBe(0);

    // BUDI's family now reports a fixed income: the registry records the change...
    await submitAndForward(familyRows('Y'));
    const changes = await app.db
      .selectFrom('registry_change')
      .select(['field', 'old_value', 'new_value'])
      .where('kk_number', '=', '3174010101100001')
      .execute();
    expect(changes).toEqual([{ field: 'fixed_income', old_value: 'false', new_value: 'true' }]);

    // ...and the signed list still shows the family as eligible with its amount.
    await page.reload();
    await page.getByTestId('open-kelurahan-31.74.01.1001').click();
    const budi = page.getByTestId('family-decision').filter({ hasText: 'BUDI SANTOSO' });
    await budi.waitFor();
    expect(await budi.getByTestId('family-decision-badge').textContent()).toBe('Layak');
    expect(await budi.getByTestId('family-amount').textContent()).toBe('Rp300.000');
    expect(await budi.getByTestId('family-reasons').textContent()).toContain('memenuhi semua aturan');
    expect(await page.getByTestId('count-eligible').textContent()).toBe('2');
    await signOut(page);

    // The next cycle decides from the edited registry and names the change since the signed list.
    await signIn(page, verifier);
    await page.getByTestId('nav-cycles').click();
    await page.getByTestId('cycle-period').fill('2021-08');
    await page.getByTestId('cycle-create').click();
    await page.getByTestId('prepare-31.74').click();
    await page.getByTestId('changes-since-last').waitFor();
    expect(await page.getByTestId('count-eligible').textContent()).toBe('1');
    expect(await page.getByTestId('changes-since-last').textContent()).toContain('Keputusan berubah: 1');
    await page.getByTestId('open-kelurahan-31.74.01.1001').click();
    const budiNow = page.getByTestId('family-decision').filter({ hasText: 'BUDI SANTOSO' });
    await budiNow.waitFor();
    expect(await budiNow.getByTestId('family-reasons').textContent()).toContain('memiliki penghasilan tetap');

    // The family's own page gives both decisions, newest cycle first, and says no verification covers it yet.
    const household = await app.db
      .selectFrom('household')
      .select('id')
      .where('kk_number', '=', '3174010101100001')
      .executeTakeFirstOrThrow();
    await page.goto(`/households/${household.id}`);
    const decisions = page.getByTestId('household-decision');
    await decisions.first().waitFor();
    expect(await decisions.count()).toBe(2);
    expect(await decisions.nth(0).textContent()).toMatch(/2021-08.*Disiapkan, belum ditetapkan.*Tidak layak/);
    expect(await decisions.nth(1).textContent()).toMatch(/2021-07.*Ditetapkan.*Layak.*Rp300\.000/);
    await page.getByTestId('household-verification-none').waitFor();
    await verifierSession.context.close();

    async function loginCookie(user: { username: string; password: string }) {
      const response = await app.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: user.password },
      });
      const cookie = response.cookies[0];
      if (!cookie) throw new Error('No session cookie');
      return `${cookie.name}=${cookie.value}`;
    }
  }, 120_000);
});
