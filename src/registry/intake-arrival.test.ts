// A family the registry holds, listed again: a corrected or new NIK is the same person, a new member is history.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';
import { viewHousehold, viewHouseholdHistory } from './view-household.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,alasan_tanpa_nik';
const PLACE = 'JL. TEBET 1,001,002,31.74.01.1001,,T,Y';
const BUDI = `3174010101100001,3174010505800001,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,${PLACE},`;
const SITI = `3174010101100001,3174014707850002,SITI AMINAH,P,JAKARTA,07/07/1985,ISTRI,KAWIN,,${PLACE},`;
const SITI_CORRECTED = SITI.replace('3174014707850002', '3174014707850012');
const ADI_NO_NIK = `3174010101100001,,ADI SANTOSO,L,JAKARTA,03/02/2010,ANAK,BELUM KAWIN,PELAJAR,${PLACE},belum rekam KTP`;
const ADI_WITH_NIK = ADI_NO_NIK.replace(',,ADI', ',3174010302100003,ADI').replace('belum rekam KTP', '');
const BUDI_NO_NIK = BUDI.replace(',3174010505800001,', ',,');
const RINA = `3174010101100001,3174015201150004,RINA SANTOSO,P,JAKARTA,12/01/2015,ANAK,BELUM KAWIN,PELAJAR,${PLACE},`;

describe('a family listed again after it reached the registry', () => {
  const fixture = useTestDatabase();
  let fileNumber = 0;

  async function list(...rows: string[]) {
    fileNumber += 1;
    const name = `listing-${fileNumber}.csv`;
    const filePath = await fixture.writeFile(name, `${HEADER}\n${rows.join('\n')}\n`);
    const result = await submitIntakeFile({
      db: fixture.database.db,
      actor: { userId: null, username: 'test' },
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: name,
      channel: 'cli',
      forwardImmediately: true,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
      bulk: false,
    });
    expect(result.fileError).toBeNull();
    const rejected = await fixture.database.db
      .selectFrom('intake_row')
      .select('row_number')
      .where('submission_id', '=', result.submissionId)
      .where('validation', '=', 'rejected')
      .execute();
    expect(rejected).toEqual([]);
  }
  const members = () =>
    fixture.database.db
      .selectFrom('household_member')
      .select(['full_name', 'nik', 'member_key'])
      .orderBy('id')
      .execute();
  const changes = () =>
    fixture.database.db
      .selectFrom('registry_change')
      .select(['field', 'old_value', 'new_value'])
      .where('reason', '=', 'intake')
      .orderBy('id')
      .execute();

  it('takes a corrected NIK as a change of the same person, not a second person', async () => {
    await list(BUDI, SITI, ADI_NO_NIK);
    await list(BUDI, SITI_CORRECTED, ADI_NO_NIK);
    const after = await members();
    expect(after.map((member) => member.full_name)).toEqual(['BUDI SANTOSO', 'SITI AMINAH', 'ADI SANTOSO']);
    expect(after[1]).toMatchObject({ nik: '3174014707850012', member_key: '3174014707850012' });
    expect(await changes()).toEqual([
      { field: 'nik', old_value: '3174014707850002', new_value: '3174014707850012' },
    ]);
  });

  it('gives a member listed without an NIK the NIK a later listing brings', async () => {
    await list(BUDI, SITI_CORRECTED, ADI_WITH_NIK);
    const after = await members();
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ full_name: 'ADI SANTOSO', nik: '3174010302100003' });
    // The reason there was no NIK goes with it.
    expect((await changes()).slice(-2)).toEqual([
      { field: 'nik', old_value: null, new_value: '3174010302100003' },
      { field: 'nik_absence_reason', old_value: 'belum rekam KTP', new_value: null },
    ]);
  });

  it('keeps the NIK it has when a listing leaves it out, without adding the person again', async () => {
    const before = (await changes()).length;
    await list(BUDI_NO_NIK, SITI_CORRECTED, ADI_WITH_NIK);
    const after = await members();
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ full_name: 'BUDI SANTOSO', nik: '3174010505800001' });
    expect((await changes()).slice(before).filter((change) => change.field === 'nik')).toEqual([]);
  });

  it("shows on the family's page the submission it came from, and which submission brought each change", async () => {
    const verifier: SessionUser = {
      id: 0,
      username: 'verifier.test',
      fullName: 'Verifier',
      role: 'verifier',
      areaCode: '31.74',
      areaRw: null,
    };
    const db = fixture.database.db;
    const { id: householdId } = await db.selectFrom('household').select('id').executeTakeFirstOrThrow();
    const family = await viewHousehold({ db, user: verifier, householdId, reveal: false });
    const firstSubmission = await db
      .selectFrom('intake_submission')
      .select(['id', 'file_name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(family.origin).toMatchObject({
      submissionId: firstSubmission.id,
      channel: 'cli',
      fileName: 'listing-1.csv',
    });
    const history = await viewHouseholdHistory({ db, user: verifier, householdId, reveal: false });
    // Newest first: ADI's NIK came with the third listing, SITI's corrected one with the second.
    const nikChanges = history.filter((change) => change.field === 'nik');
    expect(nikChanges.map((change) => [change.reason, change.sourceSubmissionId])).toEqual([
      ['intake', firstSubmission.id + 2],
      ['intake', firstSubmission.id + 1],
    ]);
  });

  it('records a member joining the family in its history', async () => {
    await list(BUDI, SITI_CORRECTED, ADI_WITH_NIK, RINA);
    expect((await members()).map((member) => member.full_name)).toContain('RINA SANTOSO');
    expect((await changes()).at(-1)).toEqual({ field: 'member', old_value: null, new_value: 'RINA SANTOSO' });
  });
});
