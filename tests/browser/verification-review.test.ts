// A verifier works through the review queue; a family merge needs a second, different verifier.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  insertCompletedRun,
  insertRegistryPair,
  insertTestFamily,
  type TestFamily,
} from '../../src/verification/review/review-test-support.ts';
import { chooseOption, newPage, signIn, signOut, useBrowserApp } from '../support/browser-app.ts';

describe('duplicate review in the browser', () => {
  const running = useBrowserApp();
  let budi: TestFamily;
  let budiAgain: TestFamily;
  let differentPair: string;
  let mergePair: string;

  beforeAll(async () => {
    const { db } = running.app;
    budi = await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: '31.74.01.1001',
      members: [{ fullName: 'BUDI SANTOSO', nik: '3174010505800001' }],
    });
    budiAgain = await insertTestFamily(db, {
      kkNumber: '3174010101100009',
      kelurahanCode: '31.74.01.1002',
      members: [{ fullName: 'MOCH. BOEDI SANTOSO', nik: '3174015005800001' }],
    });
    const siti = await insertTestFamily(db, {
      kkNumber: '3174010101100002',
      kelurahanCode: '31.74.01.1001',
      members: [{ fullName: 'SITI AMINA', nik: '3174014707850003', sex: 'P' }],
    });
    const sitiAgain = await insertTestFamily(db, {
      kkNumber: '3174010101100003',
      kelurahanCode: '31.74.01.1001',
      members: [{ fullName: 'SITI AMINAH', nik: '3174014707850004', sex: 'P' }],
    });
    const runId = await insertCompletedRun(db, { areaCode: '31' });
    mergePair = await insertRegistryPair(db, { runId, a: budi, b: budiAgain, weight: 9 });
    differentPair = await insertRegistryPair(db, {
      runId,
      a: siti,
      b: sitiAgain,
      weight: 5,
      levels: {
        name: 'jaro_winkler_094',
        nik: 'one_edit',
        birthDate: 'exact',
        sex: 'agree',
        region: 'kelurahan',
        kkNumber: 'one_edit',
      },
    });
  });

  it('decides "different people" with a reason for good, and a merge only with a second verifier', async () => {
    const { app, browser } = running;
    const first = await app.createUser({ role: 'verifier', areaCode: '31.74', fullName: 'Verifikator Satu' });
    const second = await app.createUser({ role: 'verifier', areaCode: '31.74', fullName: 'Verifikator Dua' });

    const desktop = await newPage(browser, app.baseUrl);
    const page = desktop.page;
    await signIn(page, first);
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-queue-page').waitFor();
    const differentRow = page.locator(`[data-testid="queue-pair"][data-pair-key="${differentPair}"]`);
    await differentRow.waitFor();
    expect(await page.getByTestId('queue-total').getAttribute('data-value')).toBe('2');
    await differentRow.getByTestId('queue-open-pair').click();

    // Side by side, the differing fields marked, each field's weight explained.
    await page.getByTestId('pair-page').waitFor();
    expect(await page.getByTestId('comparison-row').count()).toBe(6);
    expect(
      await page.locator('[data-testid="comparison-row"][data-field="nik"]').getAttribute('data-agreement'),
    ).toBe('partial');
    expect(
      await page
        .locator('[data-testid="comparison-row"][data-field="birthDate"]')
        .getAttribute('data-agreement'),
    ).toBe('agree');
    // The differing digit is marked on both sides.
    expect(
      await page
        .locator('[data-testid="comparison-row"][data-field="nik"] [data-testid="value-difference"]')
        .allTextContents(),
    ).toEqual(['3', '4']);
    expect(await page.getByTestId('explanation-bar').count()).toBe(6);
    await page.getByTestId('pair-left').getByText('SITI AMINA', { exact: true }).waitFor();
    // NIK masked until revealed.
    expect(await page.getByTestId('pair-left').textContent()).toContain('317401••••••0003');

    // No reason, no decision.
    await page.getByTestId('decide-different').click();
    await page.getByTestId('decide-submit').click();
    await page.getByText('Alasan wajib diisi').waitFor();
    expect(await app.db.selectFrom('match_decision').selectAll().execute()).toEqual([]);
    await page.getByTestId('decide-reason').fill('Dicek ke RT: dua orang berbeda, kakak beradik');
    // "Save and next" opens the next pair of the queue at once.
    await page.getByTestId('decide-submit-next').click();
    await page.locator(`[data-testid="pair-page"][data-pair-key="${mergePair}"]`).waitFor();
    expect(await page.getByTestId('decide-reason').inputValue()).toBe('');

    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-queue-page').waitFor();
    await page.locator(`[data-testid="queue-pair"][data-pair-key="${mergePair}"]`).waitFor();
    expect(await differentRow.count()).toBe(0);
    await page.reload();
    await page.locator(`[data-testid="queue-pair"][data-pair-key="${mergePair}"]`).waitFor();
    expect(await page.getByTestId('queue-total').getAttribute('data-value')).toBe('1');
    expect(await differentRow.count()).toBe(0);

    // Same person in two families: a merge proposal, which its proposer cannot confirm.
    await page
      .locator(`[data-testid="queue-pair"][data-pair-key="${mergePair}"]`)
      .getByTestId('queue-open-pair')
      .click();
    await page.getByTestId('pair-cross-family').waitFor();
    await page.getByTestId('decide-same').click();
    await page.getByTestId('decide-merge-note').waitFor();
    await page.getByTestId('decide-reason').fill('Ejaan lama, tanggal lahir sama, pindah kelurahan');
    await page.getByTestId('decide-submit').click();
    await page.getByTestId('queue-empty').waitFor();
    await page.getByTestId('tab-merges').click();
    const ownMerge = page.locator(`[data-testid="merge-item"][data-pair-key="${mergePair}"]`);
    await ownMerge.getByTestId('merge-mine').waitFor();
    await ownMerge.getByTestId('merge-open').click();
    await page.getByTestId('merge-own-proposal').waitFor();
    expect(await page.getByTestId('merge-confirm').count()).toBe(0);
    expect(await page.getByTestId('pair-decision').getAttribute('data-merge-status')).toBe(
      'awaiting_second_review',
    );
    await signOut(page);
    await desktop.context.close();

    // The second verifier, on a phone, confirms it.
    const phone = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(phone.page, second);
    await phone.page.goto('/verification/review?tab=merges');
    const merge = phone.page.locator(`[data-testid="merge-item"][data-pair-key="${mergePair}"]`);
    await merge.waitFor();
    expect(await merge.getByTestId('merge-mine').count()).toBe(0);
    await merge.getByTestId('merge-open').click();
    await phone.page.getByTestId('second-review-form').waitFor();
    await phone.page.getByTestId('merge-reason').fill('Setuju, dicek ke kelurahan');
    await phone.page.getByTestId('merge-confirm').click();
    await phone.page.getByTestId('merges-empty').waitFor();

    const [kept, merged] = budi.householdId < budiAgain.householdId ? [budi, budiAgain] : [budiAgain, budi];
    const households = await app.db
      .selectFrom('household')
      .select(['id', 'status', 'merged_into_household_id'])
      .where('id', 'in', [kept.householdId, merged.householdId])
      .orderBy('id')
      .execute();
    expect(households).toEqual([
      { id: kept.householdId, status: 'active', merged_into_household_id: null },
      { id: merged.householdId, status: 'merged', merged_into_household_id: kept.householdId },
    ]);
    const decision = await app.db
      .selectFrom('match_decision')
      .select(['decided_by', 'second_reviewer', 'merge_status'])
      .where('pair_key', '=', mergePair)
      .executeTakeFirstOrThrow();
    expect(decision).toEqual({
      decided_by: first.user.id,
      second_reviewer: second.user.id,
      merge_status: 'confirmed',
    });
    // The merged family's history says so.
    await phone.page.goto(`/households/${merged.householdId}`);
    await phone.page.getByTestId('household-status').getByText('Digabung').waitFor();
    // … and leads to the family it was merged into.
    await phone.page.getByTestId('household-merged-into').getByRole('link').click();
    await phone.page
      .locator(`[data-testid="household-detail"][data-household-id="${kept.householdId}"]`)
      .waitFor();
    await phone.context.close();
  }, 120_000);

  it('shows the thresholds with their probabilities and lets an administrator set them for the next run', async () => {
    const { app, browser } = running;
    const administrator = await app.createUser({ role: 'administrator', areaCode: '31' });
    const { context, page } = await newPage(browser, app.baseUrl);
    await signIn(page, administrator);
    await page.goto('/verification/thresholds');
    const current = page.getByTestId('thresholds-current');
    await current.waitFor();
    expect(await current.getAttribute('data-source')).toBe('latest_run');
    expect(await page.getByTestId('threshold-match').getAttribute('data-weight')).toBe('12');
    await page.getByTestId('thresholds-next-run').waitFor();
    await page.getByTestId('thresholds-match-input').fill('10');
    await page.getByTestId('thresholds-review-input').fill('11');
    expect(await page.getByTestId('thresholds-save').isDisabled()).toBe(true);
    await page.getByTestId('thresholds-review-input').fill('3.5');
    await page.getByTestId('thresholds-save').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="thresholds-current"]')?.getAttribute('data-source') ===
        'setting',
    );
    expect(await page.getByTestId('threshold-review').getAttribute('data-weight')).toBe('3.5');
    const setting = await app.db.selectFrom('verification_setting').selectAll().executeTakeFirstOrThrow();
    expect(setting).toMatchObject({
      match_threshold: 10,
      review_threshold: 3.5,
      updated_by: administrator.user.id,
    });
    await context.close();
  }, 60_000);

  it('lists the runs of the area with their figures and starts a new one, followed until it ends', async () => {
    const { app, browser } = running;
    const verifier = await app.createUser({ role: 'verifier', areaCode: '31.74' });
    const { context, page } = await newPage(browser, app.baseUrl, { phone: true });
    await signIn(page, verifier);
    await page.goto('/verification');
    await page.getByTestId('verification-page').waitFor();
    await page.locator('[data-testid="verification-run"][data-status="completed"]').first().waitFor();
    const before = await page.getByTestId('verification-run').count();
    await page.getByTestId('verification-start-run').click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="verification-run"]').length === count + 1,
      before,
    );
    // The page polls while the run is queued or running, and shows how it ended.
    await page.waitForFunction(
      () =>
        !document.querySelector(
          '[data-testid="verification-run"][data-status="queued"], [data-testid="verification-run"][data-status="running"]',
        ),
      undefined,
      { timeout: 90_000 },
    );
    const latest = page.getByTestId('verification-run').first();
    expect(await latest.getAttribute('data-status')).toBe('completed');
    await latest.getByTestId('verification-run-figures').waitFor();
    // The thresholds the administrator set above apply from this run on.
    const run = await app.db
      .selectFrom('verification_run')
      .select(['area_code', 'thresholds'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ area_code: '31.74', thresholds: { match: 10, review: 3.5 } });
    await context.close();

    // A province-wide verifier reviews the results of the kota's own run by choosing its area.
    const province = await app.createUser({ role: 'verifier', areaCode: '31' });
    const desktop = await newPage(browser, app.baseUrl);
    await signIn(desktop.page, province);
    await desktop.page.goto('/verification/review');
    const shown = desktop.page.getByTestId('queue-run');
    await shown.waitFor();
    const provinceRunId = await shown.getAttribute('data-run-id');
    await chooseOption(desktop.page, 'queue-area', '31.74');
    await desktop.page.waitForFunction(
      (previous) =>
        document.querySelector('[data-testid="queue-run"]')?.getAttribute('data-run-id') !== previous,
      provinceRunId,
    );
    const latestRun = await app.db
      .selectFrom('verification_run')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(await shown.getAttribute('data-run-id')).toBe(String(latestRun.id));
    expect(desktop.page.url()).toContain('area=31.74');
    await desktop.context.close();
  }, 150_000);
});
