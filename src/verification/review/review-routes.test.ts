import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../../tests/support/http-session.ts';
import { useTestDatabase } from '../../../tests/support/test-database.ts';
import { type App, buildServer } from '../../http/build-server.ts';
import {
  insertCompletedRun,
  insertMinistryPair,
  insertRegistryPair,
  insertTestFamily,
  type TestFamily,
} from './review-test-support.ts';

const TEBET_TIMUR = '31.74.01.1001';
const TEBET_BARAT = '31.74.01.1002';
const GAMBIR = '31.71.01.1001';

describe('review queue over HTTP: scope, decisions remembered, merges need a second reviewer', () => {
  const fixture = useTestDatabase();
  let app: App;
  let verifier: SignedInUser;
  let secondVerifier: SignedInUser;
  let provinceVerifier: SignedInUser;
  let pusatVerifier: SignedInUser;
  let rtHead: SignedInUser;
  let runId: number;
  let budi: TestFamily;
  let budiAgain: TestFamily;
  let siti: TestFamily;
  let sitiAgain: TestFamily;
  let gambir: TestFamily;
  let mergePair: string;
  let differentPair: string;
  let crossAreaPair: string;
  let ministryPair: string;
  let insideFamilyPair: string;

  const get = (user: SignedInUser, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
  const post = (user: SignedInUser, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { cookie: user.cookie }, payload });
  const queueKeys = async (user: SignedInUser, query = '') => {
    const response = await get(user, `/api/verification/review/pairs${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().pairs.map((pair: { pairKey: string }) => pair.pairKey) as string[];
  };

  beforeAll(async () => {
    const db = fixture.database.db;
    app = await buildServer({ db, logLevel: 'silent' });
    verifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
    secondVerifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
    provinceVerifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31' });
    pusatVerifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.71' });
    rtHead = await createUserAndLogin(app, db, { role: 'rt_rw_head', areaCode: TEBET_TIMUR, areaRw: '001' });

    budi = await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: TEBET_TIMUR,
      members: [
        { fullName: 'BUDI SANTOSO', nik: '3174010505800001' },
        { fullName: 'SITI AMINAH', nik: '3174014707850002', sex: 'P', relationship: 'wife' },
        { fullName: 'BUDI SANTOSO', nik: null, relationship: 'other_relative' },
      ],
    });
    budiAgain = await insertTestFamily(db, {
      kkNumber: '3174010101100009',
      kelurahanCode: TEBET_BARAT,
      rt: '004',
      members: [{ fullName: 'BOEDI SANTOSO', nik: '3174015005800001' }],
    });
    siti = await insertTestFamily(db, {
      kkNumber: '3174010101100002',
      kelurahanCode: TEBET_TIMUR,
      members: [{ fullName: 'SITI AMINA', nik: '3174014707850003', sex: 'P' }],
    });
    sitiAgain = await insertTestFamily(db, {
      kkNumber: '3174010101100003',
      kelurahanCode: TEBET_TIMUR,
      members: [{ fullName: 'SITI AMINAH', nik: '3174014707850004', sex: 'P' }],
    });
    gambir = await insertTestFamily(db, {
      kkNumber: '3171010101100001',
      kelurahanCode: GAMBIR,
      members: [{ fullName: 'BUDI SANTOSA', nik: '3171010505800001' }],
    });
    runId = await insertCompletedRun(db, { areaCode: '31' });
    mergePair = await insertRegistryPair(db, { runId, a: budi, b: budiAgain, weight: 9 });
    differentPair = await insertRegistryPair(db, { runId, a: siti, b: sitiAgain, weight: 5 });
    crossAreaPair = await insertRegistryPair(db, { runId, a: budi, b: gambir, weight: 8 });
    insideFamilyPair = await insertRegistryPair(db, { runId, a: budi, b: budi, bMember: 2, weight: 4.5 });
    ministryPair = await insertMinistryPair(db, {
      runId,
      family: siti,
      weight: 7,
      person: {
        nik: '3174014707850003',
        kkNumber: '3174010101100002',
        fullName: 'SITI AMINAH',
        birthDate: '1985-07-07',
        regionCode: '3174011001',
        ref: 'PKH-0001',
      },
    });
    // An automatic match is never in the queue.
    await insertRegistryPair(db, { runId, a: siti, b: budiAgain, weight: 20, band: 'match' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists only undecided review pairs whose families lie in the verifier’s area, heaviest first', async () => {
    expect(await queueKeys(verifier)).toEqual([mergePair, ministryPair, differentPair, insideFamilyPair]);
    // A pair across two kota goes to a verifier who sees both families.
    expect(await queueKeys(provinceVerifier)).toContain(crossAreaPair);
    expect(await queueKeys(pusatVerifier)).toEqual([]);
    // Most uncertain first: λ = 0.01 puts an even chance at log2(99) ≈ 6.6 bits.
    expect(await queueKeys(verifier, '?order=uncertainty')).toEqual([
      ministryPair,
      differentPair,
      insideFamilyPair,
      mergePair,
    ]);
    const byKelurahan = await get(verifier, `/api/verification/review/pairs?kelurahanCode=${TEBET_TIMUR}`);
    const body = byKelurahan.json();
    expect(body.kelurahan).toContainEqual(expect.objectContaining({ code: TEBET_TIMUR, count: 4 }));
    expect(body.pairs[0]).toMatchObject({
      pairKey: mergePair,
      crossFamily: true,
      leftName: 'BUDI SANTOSO',
      rightName: 'BOEDI SANTOSO',
      differingFields: expect.arrayContaining(['name', 'nik', 'region', 'kkNumber']),
    });
    expect(body.pairs[0].probability).toBeCloseTo(1 / (1 + 1 / ((0.01 / 0.99) * 2 ** 9)), 6);
    // A part of the area is fine, another area is refused.
    expect((await get(verifier, `/api/verification/review/pairs?areaCode=${TEBET_TIMUR}`)).statusCode).toBe(
      200,
    );
    expect((await get(verifier, `/api/verification/review/pairs?areaCode=${GAMBIR}`)).statusCode).toBe(403);
    expect((await get(rtHead, '/api/verification/review/pairs')).statusCode).toBe(403);
  });

  it('shows both records side by side, masked unless revealed, and logs the reveal', async () => {
    const url = `/api/verification/review/pair?key=${encodeURIComponent(mergePair)}`;
    const masked = await get(verifier, url);
    expect(masked.statusCode).toBe(200);
    const { pair } = masked.json();
    expect(pair.left).toMatchObject({ source: 'registry', fullName: 'BUDI SANTOSO', rt: '001' });
    expect(pair.left.nik).toBe('317401••••••0001');
    expect(pair.left.members).toHaveLength(3);
    expect(pair.right).toMatchObject({ fullName: 'BOEDI SANTOSO', kelurahanCode: TEBET_BARAT, rt: '004' });
    const name = pair.comparison.find((entry: { field: string }) => entry.field === 'name');
    expect(name).toMatchObject({ agreement: 'partial', weight: 1.5, termFrequencyAdjustment: -0.5 });
    expect(pair.comparison.find((entry: { field: string }) => entry.field === 'birthDate')).toMatchObject({
      agreement: 'agree',
      leftValue: '1980-05-05',
    });
    expect(pair.open).toBe(true);

    const revealed = await get(verifier, `${url}&reveal=true`);
    expect(revealed.json().pair.left.nik).toBe('3174010505800001');
    const audit = await fixture.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'verification_pair')
      .where('action', '=', 'personal_data.read')
      .execute();
    expect(audit).toEqual([{ action: 'personal_data.read', entity_id: mergePair }]);

    // Outside the verifier's area the pair does not exist.
    const hidden = await get(
      pusatVerifier,
      `/api/verification/review/pair?key=${encodeURIComponent(crossAreaPair)}`,
    );
    expect(hidden.statusCode).toBe(404);
    expect(
      (await get(verifier, `/api/verification/review/pair?key=${encodeURIComponent(crossAreaPair)}`))
        .statusCode,
    ).toBe(404);
  });

  it('shows a ministry pair with its programme and period', async () => {
    const response = await get(
      verifier,
      `/api/verification/review/pair?key=${encodeURIComponent(ministryPair)}`,
    );
    const { pair } = response.json();
    expect(pair.kind).toBe('ministry');
    expect(pair.right).toMatchObject({
      source: 'ministry',
      programme: 'PKH',
      period: '2021-07',
      ref: 'PKH-0001',
      fullName: 'SITI AMINAH',
      sex: 'P',
      nik: '317401••••••0003',
    });
    expect(pair.crossFamily).toBe(false);
  });

  it('remembers "different people" with its reason: the pair leaves the queue and cannot be decided twice', async () => {
    const noReason = await post(verifier, '/api/verification/review/decisions', {
      pairKey: differentPair,
      decision: 'different_people',
      reason: '   ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toBe('reason_required');

    const decided = await post(verifier, '/api/verification/review/decisions', {
      pairKey: differentPair,
      decision: 'different_people',
      reason: 'Beda ibu kandung, dicek ke RT',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().decision).toMatchObject({ decision: 'different_people', mergeStatus: null });
    expect(await queueKeys(verifier)).not.toContain(differentPair);
    expect(await queueKeys(secondVerifier)).not.toContain(differentPair);

    const again = await post(secondVerifier, '/api/verification/review/decisions', {
      pairKey: differentPair,
      decision: 'same_person',
      reason: 'coba lagi',
    });
    expect(again.statusCode).toBe(409);
    const stored = await fixture.database.db
      .selectFrom('match_decision')
      .selectAll()
      .where('pair_key', '=', differentPair)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ decision: 'different_people', decided_by: verifier.user.id });
    const audit = await fixture.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', differentPair)
      .execute();
    expect(audit).toEqual([
      {
        action: 'verification.decide',
        after: expect.objectContaining({
          decision: 'different_people',
          reason: 'Beda ibu kandung, dicek ke RT',
        }),
      },
    ]);

    // A same person twice inside one family is no merge.
    const inside = await post(verifier, '/api/verification/review/decisions', {
      pairKey: insideFamilyPair,
      decision: 'same_person',
      reason: 'Dicatat dua kali',
    });
    expect(inside.json().decision.mergeStatus).toBeNull();
  });

  it('needs a second, different verifier to merge two families; a turned-down merge returns to the queue', async () => {
    const db = fixture.database.db;
    const proposed = await post(verifier, '/api/verification/review/decisions', {
      pairKey: mergePair,
      decision: 'same_person',
      reason: 'Nama ejaan lama, tanggal lahir sama',
    });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().decision.mergeStatus).toBe('awaiting_second_review');
    expect(await queueKeys(verifier)).not.toContain(mergePair);

    const awaiting = await get(secondVerifier, '/api/verification/review/merges');
    expect(awaiting.json().merges).toEqual([
      expect.objectContaining({ pairKey: mergePair, mine: false, leftName: 'BUDI SANTOSO' }),
    ]);
    expect((await get(verifier, '/api/verification/review/merges')).json().merges[0].mine).toBe(true);

    const selfConfirm = await post(verifier, '/api/verification/review/merges', {
      pairKey: mergePair,
      answer: 'confirm',
    });
    expect(selfConfirm.statusCode).toBe(403);
    expect(selfConfirm.json()).toMatchObject({ error: 'same_reviewer' });
    expect(selfConfirm.json().message).toMatch(/verifikator kedua yang lain/);

    const rejectWithoutReason = await post(secondVerifier, '/api/verification/review/merges', {
      pairKey: mergePair,
      answer: 'reject',
    });
    expect(rejectWithoutReason.statusCode).toBe(400);
    const rejected = await post(secondVerifier, '/api/verification/review/merges', {
      pairKey: mergePair,
      answer: 'reject',
      reason: 'Alamat berbeda, perlu cek lapangan',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().merge).toBeNull();
    const back = (await get(verifier, '/api/verification/review/pairs')).json().pairs;
    expect(back[0]).toMatchObject({
      pairKey: mergePair,
      rejectedMergeReason: 'Alamat berbeda, perlu cek lapangan',
    });

    // Decided again after the field check, confirmed by the other verifier.
    await post(secondVerifier, '/api/verification/review/decisions', {
      pairKey: mergePair,
      decision: 'same_person',
      reason: 'Cek lapangan: orang yang sama, pindah RT',
    });
    const selfAgain = await post(secondVerifier, '/api/verification/review/merges', {
      pairKey: mergePair,
      answer: 'confirm',
    });
    expect(selfAgain.statusCode).toBe(403);
    const confirmed = await post(verifier, '/api/verification/review/merges', {
      pairKey: mergePair,
      answer: 'confirm',
      reason: 'Setuju',
    });
    expect(confirmed.statusCode).toBe(200);
    const [kept, merged] = budi.householdId < budiAgain.householdId ? [budi, budiAgain] : [budiAgain, budi];
    expect(confirmed.json().merge).toEqual({
      mergedHouseholdId: merged.householdId,
      intoHouseholdId: kept.householdId,
    });
    const households = await db
      .selectFrom('household')
      .select(['id', 'status', 'merged_into_household_id'])
      .where('id', 'in', [kept.householdId, merged.householdId])
      .orderBy('id')
      .execute();
    expect(households).toEqual([
      { id: kept.householdId, status: 'active', merged_into_household_id: null },
      { id: merged.householdId, status: 'merged', merged_into_household_id: kept.householdId },
    ]);
    const changes = await db
      .selectFrom('registry_change')
      .select(['household_id', 'field', 'old_value', 'new_value'])
      .where('household_id', 'in', [kept.householdId, merged.householdId])
      .orderBy('id')
      .execute();
    expect(changes).toEqual([
      { household_id: merged.householdId, field: 'status', old_value: 'active', new_value: 'merged' },
      {
        household_id: merged.householdId,
        field: 'mergedIntoHouseholdId',
        old_value: null,
        new_value: String(kept.householdId),
      },
      {
        household_id: kept.householdId,
        field: 'mergedFromHouseholdId',
        old_value: null,
        new_value: String(merged.householdId),
      },
    ]);
    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'match_decision'), eb('entity_id', '=', mergePair)]),
          eb.and([eb('entity_type', '=', 'household'), eb('entity_id', '=', String(merged.householdId))]),
        ]),
      )
      .where('action', '!=', 'personal_data.read')
      .orderBy('id')
      .execute();
    expect(actions.map((entry) => entry.action)).toEqual([
      'verification.decide',
      'verification.merge_reject',
      'verification.decide',
      'household.merge',
      'verification.merge_confirm',
    ]);
    expect((await get(verifier, '/api/verification/review/merges')).json().merges).toEqual([]);
    expect(await queueKeys(verifier)).toEqual([ministryPair]);
    // Filters and pages.
    expect(await queueKeys(verifier, '?kind=registry')).toEqual([]);
    expect(await queueKeys(verifier, '?kind=ministry&pageSize=1&page=1')).toEqual([ministryPair]);
    expect(await queueKeys(verifier, '?pageSize=1&page=2')).toEqual([]);
    // A confirmed merge cannot be answered again.
    const twice = await post(secondVerifier, '/api/verification/review/merges', {
      pairKey: mergePair,
      answer: 'reject',
      reason: 'x',
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe('decisions outlive runs', () => {
  const fixture = useTestDatabase();
  let app: App;
  beforeAll(async () => {
    app = await buildServer({ db: fixture.database.db, logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps a decided pair out of the queue of the next run, which finds it again', async () => {
    const db = fixture.database.db;
    const verifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
    const a = await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: TEBET_TIMUR,
      members: [{ fullName: 'JOKO SUSILO' }],
    });
    const b = await insertTestFamily(db, {
      kkNumber: '3174010101100002',
      kelurahanCode: TEBET_TIMUR,
      members: [{ fullName: 'DJOKO SOESILO' }],
    });
    const c = await insertTestFamily(db, {
      kkNumber: '3174010101100003',
      kelurahanCode: TEBET_TIMUR,
      members: [{ fullName: 'JOKO SUSILA' }],
    });
    const first = await insertCompletedRun(db, { areaCode: '31.74' });
    const decided = await insertRegistryPair(db, { runId: first, a, b, weight: 6 });
    const response = await app.inject({
      method: 'POST',
      url: '/api/verification/review/decisions',
      headers: { cookie: verifier.cookie },
      payload: { pairKey: decided, decision: 'different_people', reason: 'Ayah dan anak' },
    });
    expect(response.statusCode).toBe(200);

    const second = await insertCompletedRun(db, { areaCode: '31.74' });
    await insertRegistryPair(db, { runId: second, a, b, weight: 6.2 });
    const fresh = await insertRegistryPair(db, { runId: second, a, b: c, weight: 5 });
    const queue = await app.inject({
      method: 'GET',
      url: '/api/verification/review/pairs',
      headers: { cookie: verifier.cookie },
    });
    expect(queue.json().run.id).toBe(second);
    expect(queue.json().pairs.map((pair: { pairKey: string }) => pair.pairKey)).toEqual([fresh]);

    // Decided on the older run's results, the statuses of the current run are recomputed too.
    await insertRegistryPair(db, { runId: first, a, b: c, weight: 5 });
    const onOlder = await app.inject({
      method: 'POST',
      url: '/api/verification/review/decisions',
      headers: { cookie: verifier.cookie },
      payload: { pairKey: fresh, runId: first, decision: 'same_person', reason: 'Sama, dicek lapangan' },
    });
    expect(onOlder.statusCode).toBe(200);
    expect(onOlder.json().decision.mergeStatus).toBe('awaiting_second_review');
    const statuses = await db
      .selectFrom('verification_person')
      .select(['run_id', 'kk_number', 'reasons'])
      .where('kk_number', 'in', [a.kkNumber, c.kkNumber])
      .orderBy('run_id')
      .orderBy('kk_number')
      .execute();
    expect(statuses.map((row) => [row.run_id, row.kk_number])).toEqual([
      [first, a.kkNumber],
      [first, c.kkNumber],
      [second, a.kkNumber],
      [second, c.kkNumber],
    ]);
    // Until the second review, the proposed merge keeps both persons waiting.
    for (const row of statuses) expect(row.reasons).toContain('awaiting_review');
  });
});

describe('review queue without a completed run', () => {
  const fixture = useTestDatabase();
  let app: App;
  beforeAll(async () => {
    app = await buildServer({ db: fixture.database.db, logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers an empty queue and no run, and uses a kota run only for that kota', async () => {
    const db = fixture.database.db;
    const verifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
    const empty = await app.inject({
      method: 'GET',
      url: '/api/verification/review/pairs',
      headers: { cookie: verifier.cookie },
    });
    expect(empty.json()).toEqual({ run: null, pairs: [], total: 0, kelurahan: [] });
    await insertCompletedRun(db, { areaCode: '31.71' });
    const other = await app.inject({
      method: 'GET',
      url: '/api/verification/review/pairs',
      headers: { cookie: verifier.cookie },
    });
    expect(other.json().run).toBeNull();
    const own = await insertCompletedRun(db, { areaCode: '31.74' });
    const current = await app.inject({
      method: 'GET',
      url: '/api/verification/review/pairs',
      headers: { cookie: verifier.cookie },
    });
    expect(current.json().run).toMatchObject({ id: own, areaCode: '31.74' });
  });
});
