import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { createUser } from '../auth/create-user.ts';
import type { Role } from '../auth/roles.ts';
import { type SessionUser, SYSTEM_ACTOR } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { importMinistryList } from '../verification/ministry/import-ministry-list.ts';
import { createCycle } from './create-cycle.ts';
import { compareWithPrevious, findDecision, listDecisions } from './eligibility-repository.ts';
import { prepareDetermination, prepareDeterminations } from './prepare-determination.ts';
import { describeReason } from './reason-text.ts';
import type { Reason } from './rules.ts';
import { signDetermination } from './sign-determination.ts';
import { insertTestFamily, insertTestMinistryPairs } from './test-families.ts';
import { updateProgrammeRule } from './update-programme-rule.ts';

describe('recipient list of a cycle', () => {
  const fixture = useTestDatabase();
  let db: DatabaseClient;
  let verifier: SessionUser;
  let approver: SessionUser;
  let administrator: SessionUser;
  const ids: Record<string, { householdId: number; memberIds: number[] }> = {};

  const user = (role: Role, username: string) =>
    createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: { username, fullName: username, password: 'a-long-password-1', role, areaCode: '31' },
    });

  const whyOf = async (determinationId: number, family: string) => {
    const decision = await findDecision(db, {
      determinationId,
      householdId: ids[family]?.householdId ?? -1,
      scope: WHOLE_COUNTRY,
    });
    if (!decision) throw new Error(`No decision for ${family}`);
    return {
      decision: decision.decision,
      flags: decision.flags,
      collector: decision.collector_name,
      amount: Number(decision.amount),
      why: (decision.reasons as Reason[]).map((reason) => describeReason(reason, 'en')),
    };
  };

  beforeAll(async () => {
    db = fixture.database.db;
    verifier = await user('verifier', 'verifier.one');
    approver = await user('approver', 'approver.one');
    administrator = await user('administrator', 'admin.one');
    const family = async (name: string, values: Parameters<typeof insertTestFamily>[1]) => {
      ids[name] = await insertTestFamily(db, values);
    };
    await family('plain', {
      kkNumber: '3174010101210001',
      members: [{ name: 'BUDI', nik: '3174010101800001' }],
    });
    await family('pkh', {
      kkNumber: '3174010101210002',
      members: [
        { name: 'AGUS', nik: '3174010101800002' },
        { name: 'SRI', nik: '3174014101820002', relationship: 'spouse', birthDate: '1982-01-01' },
        { name: 'DEWI', nik: '3174014101050002', birthDate: '2005-01-01' },
      ],
    });
    await family('no-nik', {
      kkNumber: '3174010101210003',
      members: [{ name: 'RAHMAT' }, { name: 'NUR', relationship: 'spouse' }],
    });
    await family('no-nik-no-address', {
      kkNumber: '3174010101210004',
      address: null,
      members: [{ name: 'TONO' }],
    });
    await family('head-died', {
      kkNumber: '3174010101210005',
      members: [
        { name: 'SLAMET', nik: '3174010101500005', lifeStatus: 'deceased', deathDate: '2021-06-10' },
        { name: 'MURNI', nik: '3174014101550005', relationship: 'spouse', birthDate: '1955-01-01' },
      ],
    });
    await family('fixed-income', {
      kkNumber: '3174010101210006',
      fixedIncome: true,
      members: [{ name: 'HENDRA', nik: '3174010101800006' }],
    });
    await family('moved-out', {
      kkNumber: '3174010101210007',
      members: [{ name: 'YUDI', nik: '3174010101800007', moved: true }],
    });
    await family('merged', {
      kkNumber: '3174010101210008',
      status: 'merged',
      members: [{ name: 'BUDI', nik: '3174010101800008' }],
    });
    await family('review', {
      kkNumber: '3174010101210009',
      members: [{ name: 'ASEP', nik: '3174010101800009' }],
    });
    await family('matched', {
      kkNumber: '3174010101210010',
      members: [{ name: 'UJANG', nik: '3174010101800010' }],
    });
    await family('not-same', {
      kkNumber: '3174010101210011',
      members: [{ name: 'IWAN', nik: '3174010101800011' }],
    });
    await family('other-kota', {
      kkNumber: '3171010101210012',
      kelurahanCode: '31.71.01.1001',
      members: [{ name: 'ADI', nik: '3171010101800012' }],
    });
    const pairFor = (
      name: string,
      band: 'match' | 'review',
      decision?: 'same_person' | 'different_people',
    ) => ({
      pairKey: `ministry:${name}`,
      band,
      kkNumber: `317401010121${name === 'review' ? '0009' : name === 'matched' ? '0010' : '0011'}`,
      householdId: ids[name]?.householdId ?? 0,
      memberId: ids[name]?.memberIds[0] ?? 0,
      programme: 'BPNT',
      period: '2021-07',
      decision,
    });
    await insertTestMinistryPairs(db, {
      areaCode: '31.74',
      pairs: [
        pairFor('review', 'review'),
        pairFor('matched', 'match'),
        pairFor('not-same', 'match', 'different_people'),
      ],
    });
    const pkhFile = await fixture.writeFile(
      'pkh.csv',
      'nik,no_kk,nama,tanggal_lahir,kode_wilayah,program,periode,ref\n' +
        '3174014101820002,3174010101210002,SRI,01-01-1982,31.74.01.1001,PKH,2021-07,PKH-1\n',
    );
    await importMinistryList({
      db,
      actor: SYSTEM_ACTOR,
      filePath: pkhFile,
      fileName: 'pkh.csv',
      programme: 'PKH',
      period: '2021-07',
      referenceDate: new Date('2021-07-01T00:00:00Z'),
    });
  });

  let julyList = 0;

  it('decides every family of the kota with every reason in words', async () => {
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-07',
      months: 1,
    });
    expect(cycle.amount).toBe(300_000);
    const prepared = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    julyList = prepared.determinationId;
    expect(prepared.familyCount).toBe(11);
    expect(prepared.byDecision).toEqual({ eligible: 3, excluded: 6, pending: 2 });
    expect(prepared.totalAmount).toBe(900_000);

    expect(await whyOf(julyList, 'plain')).toMatchObject({
      decision: 'eligible',
      collector: 'BUDI',
      amount: 300_000,
    });
    expect((await whyOf(julyList, 'pkh')).why).toContain('member 2 is in PKH 2021-07, matched by NIK');
    expect(await whyOf(julyList, 'no-nik')).toMatchObject({
      decision: 'pending',
      flags: expect.arrayContaining(['domicile_statement', 'field_visit']),
      why: expect.arrayContaining(['no member has an NIK: domicile statement required, field visit']),
    });
    expect((await whyOf(julyList, 'no-nik-no-address')).decision).toBe('excluded');
    expect(await whyOf(julyList, 'head-died')).toMatchObject({
      decision: 'eligible',
      collector: 'MURNI',
      flags: ['heir_collects'],
      why: expect.arrayContaining([
        'the recipient (head of family) died on 2021-06-10: heir member 2 (MURNI) collects',
      ]),
    });
    expect((await whyOf(julyList, 'fixed-income')).why).toContain('has a fixed income');
    expect((await whyOf(julyList, 'moved-out')).why).toContain(
      'the family moved out of the province: excluded from this cycle on',
    );
    expect((await whyOf(julyList, 'merged')).decision).toBe('excluded');
    expect(await whyOf(julyList, 'review')).toMatchObject({
      decision: 'pending',
      why: expect.arrayContaining(['member 1 may be in BPNT 2021-07: awaiting duplicate review']),
    });
    expect((await whyOf(julyList, 'matched')).why).toContain(
      'member 1 is in BPNT 2021-07, matched by verification',
    );
    expect((await whyOf(julyList, 'not-same')).decision).toBe('eligible');
    const { rows } = await listDecisions(db, {
      determinationId: julyList,
      scope: WHOLE_COUNTRY,
      limit: 100,
      offset: 0,
    });
    expect(rows.some((row) => row.kelurahan_code.startsWith('31.71'))).toBe(false);
  });

  it('refuses self-signing, signs once, and freezes the signed list', async () => {
    await expect(signDetermination({ db, user: verifier, determinationId: julyList })).rejects.toMatchObject({
      code: 'self_signing',
    });
    await signDetermination({ db, user: approver, determinationId: julyList });
    const secondApprover = await user('approver', 'approver.two');
    await expect(
      signDetermination({ db, user: secondApprover, determinationId: julyList }),
    ).rejects.toMatchObject({ code: 'already_signed' });
    const cycleId = (
      await db
        .selectFrom('payment_cycle')
        .select('id')
        .where('period', '=', '2021-07')
        .executeTakeFirstOrThrow()
    ).id;
    await expect(
      prepareDetermination({ db, user: verifier, cycleId, kotaCode: '31.74' }),
    ).rejects.toMatchObject({
      code: 'already_signed',
    });

    // A registry edit after signing leaves the signed list as it was.
    await db
      .updateTable('household')
      .set({ fixed_income: true, updated_at: sql`now()` })
      .where('id', '=', ids.plain?.householdId ?? 0)
      .execute();
    expect(await whyOf(julyList, 'plain')).toMatchObject({ decision: 'eligible', amount: 300_000 });
    // The database itself refuses to change a signed list.
    await expect(
      db
        .updateTable('eligibility_decision')
        .set({ amount: 0 })
        .where('determination_id', '=', julyList)
        .execute(),
    ).rejects.toThrow(/signed and frozen/);
    await expect(
      db.updateTable('determination').set({ status: 'prepared' }).where('id', '=', julyList).execute(),
    ).rejects.toThrow(/signed and frozen/);
  });

  it('pays a combined cycle twice the amount and lists the changes since the last cycle', async () => {
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-08',
      months: 2,
    });
    expect(cycle).toMatchObject({ periods: ['2021-08', '2021-09'], amount: 600_000 });
    await expect(
      createCycle({ db, user: verifier, programmeCode: 'BST-PROV', period: '2021-09', months: 1 }),
    ).rejects.toMatchObject({ code: 'cycle_overlaps' });
    // The family moved within the province: listed again in another kelurahan, the old listing merged.
    await db
      .updateTable('household')
      .set({ status: 'merged' })
      .where('id', '=', ids['head-died']?.householdId ?? 0)
      .execute();
    ids.relisted = await insertTestFamily(db, {
      kkNumber: '3174010101210005',
      kelurahanCode: '31.74.01.1002',
      members: [{ name: 'MURNI', nik: '3174014101550005' }],
    });
    const prepared = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    expect(await whyOf(prepared.determinationId, 'relisted')).toMatchObject({
      decision: 'eligible',
      amount: 600_000,
      flags: ['new_collection_site'],
    });
    // Ministry lists of July do not count for August and September.
    expect((await whyOf(prepared.determinationId, 'pkh')).decision).toBe('eligible');
    const changes = await compareWithPrevious(db, {
      determinationId: prepared.determinationId,
      previousId: julyList,
      scope: WHOLE_COUNTRY,
      limit: 100,
    });
    expect(changes.counts).toMatchObject({ added: 1 });
    expect(changes.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          head_name: 'BUDI',
          previous_decision: 'eligible',
          current_decision: 'excluded',
        }),
        expect.objectContaining({
          head_name: 'AGUS',
          previous_decision: 'excluded',
          current_decision: 'eligible',
        }),
      ]),
    );

    // A list changed in the registry after preparing is stale: signing is refused until prepared again.
    await insertTestFamily(db, {
      kkNumber: '3174010101210020',
      members: [{ name: 'BARU', nik: '3174010101800020' }],
    });
    await expect(
      signDetermination({ db, user: approver, determinationId: prepared.determinationId }),
    ).rejects.toMatchObject({ code: 'stale_list' });
    const again = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    await signDetermination({ db, user: approver, determinationId: again.determinationId });
  });

  it('prepares every kota with families in one pass, each its own list', async () => {
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-12',
      months: 1,
    });
    const lists = await prepareDeterminations({ db, user: verifier, cycleId: cycle.id, kotaCodes: 'all' });
    expect(lists.map((list) => [list.kotaCode, list.familyCount])).toEqual([
      ['31.71', 1],
      ['31.74', 13],
    ]);
    // A list prepared with the others has the same fingerprint as one prepared alone: it can be signed.
    await signDetermination({ db, user: approver, determinationId: lists[0]?.determinationId ?? 0 });
    const single = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    expect(single.byDecision).toEqual(lists[1]?.byDecision);
    expect(single.byReason).toEqual(lists[1]?.byReason);
  });

  it('refuses a cycle with no families and a rule set excluding everyone', async () => {
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-10',
      months: 1,
    });
    await expect(
      prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.72' }),
    ).rejects.toMatchObject({ code: 'no_families' });
    const programme = await db
      .selectFrom('programme')
      .select('id')
      .where('code', '=', 'BST-PROV')
      .executeTakeFirstOrThrow();
    await expect(
      updateProgrammeRule({
        db,
        user: administrator,
        programmeId: programme.id,
        ruleCode: 'listed_in_domicile',
        enabled: true,
        parameters: { provinceCode: '32' },
      }),
    ).rejects.toMatchObject({ code: 'excludes_everyone' });
    const changed = await updateProgrammeRule({
      db,
      user: administrator,
      programmeId: programme.id,
      ruleCode: 'domicile_without_nik',
      enabled: true,
      parameters: { decision: 'eligible' },
    });
    expect(changed.rule).toMatchObject({ enabled: true, parameters: { decision: 'eligible' } });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('entity_type', '=', 'programme_rule')
      .execute();
    expect(audit).toEqual([{ action: 'programme_rule.update', actor_username: 'admin.one' }]);
    await expect(
      updateProgrammeRule({
        db,
        user: verifier,
        programmeId: programme.id,
        ruleCode: 'domicile_without_nik',
        enabled: false,
        parameters: { decision: 'eligible' },
      }),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
