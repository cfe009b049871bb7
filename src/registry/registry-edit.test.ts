// A verifier corrects a family or a member, records a death or a move, always with a reason kept in the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type SignedInUser } from '../../tests/support/http-session.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { type App, buildServer } from '../http/build-server.ts';
import { insertTestFamily, type TestFamily } from '../verification/review/review-test-support.ts';

describe('editing the registry over HTTP', () => {
  const fixture = useTestDatabase();
  let app: App;
  let verifier: SignedInUser;
  let pusatVerifier: SignedInUser;
  let operator: SignedInUser;
  let auditor: SignedInUser;
  let budi: TestFamily;

  const call = (user: SignedInUser, method: 'GET' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie: user.cookie, 'accept-language': 'en' } });
  const editFamily = (user: SignedInUser, changes: object, reason = 'checked at the family home') =>
    call(user, 'PATCH', `/api/households/${budi.householdId}`, { changes, reason });
  const editMember = (member: number, changes: object, reason = 'death certificate seen') =>
    call(verifier, 'PATCH', `/api/households/${budi.householdId}/members/${budi.memberIds[member]}`, {
      changes,
      reason,
    });
  const history = async (reveal = false) =>
    (await call(verifier, 'GET', `/api/households/${budi.householdId}/history?reveal=${reveal}`)).json()
      .changes as { field: string; oldValue: string | null; newValue: string | null; reason: string }[];

  beforeAll(async () => {
    const db = fixture.database.db;
    app = await buildServer({ db, logLevel: 'silent' });
    verifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
    pusatVerifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.71' });
    operator = await createUserAndLogin(app, db, { role: 'kelurahan_operator', areaCode: '31.74.01.1001' });
    auditor = await createUserAndLogin(app, db, { role: 'auditor', areaCode: '31.74.01.1001' });
    budi = await insertTestFamily(db, {
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
        { fullName: 'ADI SANTOSO', nik: null, sex: 'L', relationship: 'child', birthDate: '2010-02-03' },
      ],
    });
    await insertTestFamily(db, {
      kkNumber: '3174010101100001',
      kelurahanCode: '31.74.01.1001',
      rw: '002',
      rt: '004',
      members: [{ fullName: 'BUDI SANTOSO', nik: '3174010505800001' }],
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it("corrects a family's address and phone with a reason: history and audit say who, when, old → new and why", async () => {
    const response = await editFamily(verifier, {
      address: 'Jl. Tebet Timur Dalam II No. 5',
      phone: '0812 3456 7890',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().changedFields.sort()).toEqual(['address', 'phone']);
    expect(response.json().household).toMatchObject({ address: 'Jl. Tebet Timur Dalam II No. 5' });

    const masked = await history();
    const phone = masked.find((change) => change.field === 'phone');
    expect(phone).toMatchObject({ oldValue: null, reason: 'checked at the family home' });
    expect(phone?.newValue).not.toContain('3456');
    const revealed = await history(true);
    expect(revealed.find((change) => change.field === 'phone')?.newValue).toBe('081234567890');
    expect(revealed.find((change) => change.field === 'address')).toMatchObject({
      oldValue: 'JL. UJI 1',
      newValue: 'Jl. Tebet Timur Dalam II No. 5',
    });

    const entries = (await call(auditor, 'GET', '/api/audit?pageSize=200')).json().entries as {
      action: string;
      actorUsername: string;
      areaCode: string;
      before: object;
      after: object;
      detail: { purpose?: string; reason?: string };
    }[];
    expect(entries.find((entry) => entry.action === 'household.update')).toMatchObject({
      actorUsername: verifier.user.username,
      areaCode: '31.74.01.1001',
      before: { address: 'JL. UJI 1', phone: null },
      after: { address: 'Jl. Tebet Timur Dalam II No. 5', phone: '081234567890' },
      detail: { reason: 'checked at the family home' },
    });
    // The history's reveal is a read of personal data like the family page's, seen by the kelurahan's auditor.
    expect(entries.some((entry) => entry.detail?.purpose === 'household.history')).toBe(true);
  });

  it('lets two edits of one family at once take turns: the history chains each old value to the one before', async () => {
    await Promise.all([
      editFamily(verifier, { address: 'Jl. Satu' }),
      editFamily(verifier, { address: 'Jl. Dua' }),
    ]);
    const addresses = (await history(true))
      .filter((change) => change.field === 'address')
      .slice(0, 2)
      .reverse();
    expect(addresses[0].oldValue).toBe('Jl. Tebet Timur Dalam II No. 5');
    expect(addresses[1].oldValue).toBe(addresses[0].newValue);
    await editFamily(verifier, { address: 'Jl. Tebet Timur Dalam II No. 5' });
  });

  it('changes nothing, and records nothing, when the values are already so', async () => {
    const before = (await history()).length;
    const response = await editFamily(verifier, { address: 'Jl. Tebet Timur Dalam II No. 5' });
    expect(response.json().changedFields).toEqual([]);
    expect((await history()).length).toBe(before);
  });

  it('refuses an edit without a reason, by a role that may not edit, or of a family outside the area', async () => {
    expect((await editFamily(verifier, { address: 'Jl. Lain' }, '')).statusCode).toBe(400);
    expect((await editFamily(operator, { address: 'Jl. Lain' })).statusCode).toBe(403);
    expect((await editFamily(pusatVerifier, { address: 'Jl. Lain' })).statusCode).toBe(404);
    expect(
      (await call(verifier, 'GET', `/api/households/${budi.householdId}`)).json().household.address,
    ).toBe('Jl. Tebet Timur Dalam II No. 5');
  });

  it('names the field of a value the intake checks refuse, and stores none of the edit', async () => {
    const badRt = await editFamily(verifier, { rt: 'abc', address: 'Jl. Baru' });
    expect(badRt.statusCode).toBe(400);
    expect(badRt.json().message).toMatch(/RT/);
    const badPhone = await editFamily(verifier, { phone: 'not a number' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().message).toMatch(/phone/i);
    const detail = (await call(verifier, 'GET', `/api/households/${budi.householdId}`)).json().household;
    expect(detail.address).toBe('Jl. Tebet Timur Dalam II No. 5');
    expect(detail.rt).toBe('001');
  });

  it('refuses moving the family to an RT where its KK is already listed', async () => {
    const response = await editFamily(verifier, { rw: '2', rt: '4' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/RW 002 RT 004/);
  });

  it('records a death with its date and source; without a source or with a future date it is refused', async () => {
    expect((await editMember(0, { lifeStatus: 'deceased', deathDate: '2021-03-04' })).statusCode).toBe(400);
    expect(
      (await editMember(0, { lifeStatus: 'deceased', deathDate: '2999-01-01', deathSource: 'Akta kematian' }))
        .statusCode,
    ).toBe(400);
    const response = await editMember(0, {
      lifeStatus: 'deceased',
      deathDate: '2021-03-04',
      deathSource: 'Akta kematian 3174-KM-0001',
    });
    expect(response.statusCode).toBe(200);
    const head = response
      .json()
      .household.members.find((member: { id: number }) => member.id === budi.memberIds[0]);
    expect(head).toMatchObject({
      lifeStatus: 'deceased',
      deathDate: '2021-03-04',
      deathSource: 'Akta kematian 3174-KM-0001',
    });
    const changes = await history();
    expect(changes.find((change) => change.field === 'life_status')).toMatchObject({
      oldValue: 'alive',
      newValue: 'deceased',
      reason: 'death certificate seen',
    });
    expect(changes.find((change) => change.field === 'death_date')?.newValue).toBe('2021-03-04');
  });

  it('records a move with where to, and undoes it', async () => {
    const moved = await editMember(2, { moved: true, movedNote: 'Bekasi' }, 'RT reports the son moved');
    expect(moved.statusCode).toBe(200);
    const son = () =>
      call(verifier, 'GET', `/api/households/${budi.householdId}`).then((response) =>
        response.json().household.members.find((member: { id: number }) => member.id === budi.memberIds[2]),
      );
    expect(await son()).toMatchObject({ moved: true, movedNote: 'Bekasi' });
    await editMember(2, { moved: false }, 'moved back home');
    expect(await son()).toMatchObject({ moved: false, movedNote: null });
  });

  it('corrects an NIK checked as at intake: one that disagrees with the birth date is refused, naming the NIK', async () => {
    const wrong = await editMember(1, { nik: '3174010101900002' }, 'KTP checked');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/NIK/);
    const taken = await editMember(
      1,
      { nik: '3174010505800001', sex: 'L', birthDate: '05/05/1980' },
      'KTP checked',
    );
    expect(taken.statusCode).toBe(409);
    const right = await editMember(1, { nik: '3174014707850003' }, 'KTP checked: serial was mistyped');
    expect(right.statusCode).toBe(200);
    const key = await fixture.database.db
      .selectFrom('household_member')
      .select(['nik', 'member_key'])
      .where('id', '=', budi.memberIds[1])
      .executeTakeFirstOrThrow();
    // Later listings of this person find her by the corrected NIK.
    expect(key).toEqual({ nik: '3174014707850003', member_key: '3174014707850003' });
  });

  it('keeps one head: making a second is refused naming the first', async () => {
    const response = await editMember(1, { relationship: 'head' }, 'head died, wife leads the family');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/BUDI SANTOSO/);
  });

  it('marks a family as moved out of the province, which the eligibility rule reads', async () => {
    const response = await editFamily(verifier, { status: 'moved_out' }, 'moved to Bogor, RT letter');
    expect(response.statusCode).toBe(200);
    expect(response.json().household.status).toBe('moved_out');
  });
});
