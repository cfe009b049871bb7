// An administrator sets a rule's parameters with fields (no JSON); a verifier reads every rule's state and
// parameters in words.
import { describe, expect, it } from 'vitest';
import { chooseOption, newPage, signIn, signOut, useBrowserApp } from '../support/browser-app.ts';

describe('programme rules on the cycles page', () => {
  const running = useBrowserApp();

  it('lets an administrator set a parameter with a field and shows it to a verifier in words', async () => {
    const { app, browser } = running;
    const administrator = await app.createUser({ role: 'administrator', areaCode: '31' });
    const verifier = await app.createUser({ role: 'verifier', areaCode: '31.74' });
    const { context, page } = await newPage(browser, app.baseUrl);

    await signIn(page, administrator);
    await page.getByTestId('nav-cycles').click();
    const save = page.getByTestId('rule-save-affected_without_fixed_income');
    await save.waitFor();
    expect(await save.isDisabled()).toBe(true);
    await chooseOption(page, 'rule-parameter-affected_without_fixed_income-unknownDecision', 'Tidak layak');
    expect(await save.isDisabled()).toBe(false);
    const saved = page.waitForResponse(
      (response) =>
        response.request().method() === 'PUT' &&
        response.url().endsWith('/rules/affected_without_fixed_income'),
    );
    await save.click();
    expect((await saved).status()).toBe(200);
    // Saved and read again: the field equals the stored value, so there is nothing left to save.
    await page
      .getByTestId('rule-save-affected_without_fixed_income')
      .and(page.locator('[disabled]'))
      .waitFor();
    const rule = await app.db
      .selectFrom('programme_rule')
      .select(['enabled', 'parameters'])
      .where('rule_code', '=', 'affected_without_fixed_income')
      .executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ enabled: true, parameters: { unknownDecision: 'excluded' } });
    await signOut(page);

    await signIn(page, verifier);
    await page.getByTestId('nav-cycles').click();
    await page.getByTestId('rule-state-affected_without_fixed_income').waitFor();
    expect(await page.getByTestId('rule-switch-affected_without_fixed_income').count()).toBe(0);
    expect(await page.getByTestId('rule-state-affected_without_fixed_income').textContent()).toBe('Aktif');
    expect(await page.getByTestId('rule-affected_without_fixed_income').textContent()).toContain(
      'Jika tidak diketahui: Tidak layak',
    );
    expect(await page.getByTestId('rule-no_ministry_programme').textContent()).toContain(
      'Program: PKH, BPNT, SEMBAKO, PRAKERJA, BST_KEMENSOS',
    );
    await context.close();
  }, 120_000);
});
