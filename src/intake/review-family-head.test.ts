// A family reaches the registry with its head: forwarding only its other members is refused, naming the family.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { createUser } from '../auth/create-user.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import { HttpError } from '../http/http-error.ts';
import { reviewSubmission } from './review-submission.ts';
import { submitIntakeFile } from './submit-intake-file.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid';
const PLACE = 'JL. TEBET 1,001,002,31.74.01.1001,,T,Y';
const BUDI = `3174010101100001,3174010505800001,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,,${PLACE}`;
const SITI = `3174010101100001,3174014707850002,SITI AMINAH,P,JAKARTA,07/07/1985,ISTRI,KAWIN,,${PLACE}`;
const RINA = `3174010101100001,3174015201150004,RINA SANTOSO,P,JAKARTA,12/01/2015,ANAK,BELUM KAWIN,,${PLACE}`;

describe('forwarding the rows of a family', () => {
  const fixture = useTestDatabase();

  async function submitForReview(name: string, rows: string[]) {
    const filePath = await fixture.writeFile(name, `${HEADER}\n${rows.join('\n')}\n`);
    const result = await submitIntakeFile({
      db: fixture.database.db,
      actor: SYSTEM_ACTOR,
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: name,
      channel: 'cli',
      forwardImmediately: false,
      referenceDate: new Date('2021-07-01T00:00:00Z'),
      bulk: false,
    });
    return result.submissionId;
  }
  const households = () => fixture.database.db.selectFrom('household').select('id').execute();

  it('refuses to forward members without their head into a family the registry lacks, and allows it once it holds the family', async () => {
    const db = fixture.database.db;
    const verifier = await createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        username: 'verifier.head',
        fullName: 'Verifier',
        password: 'a-long-enough-password',
        role: 'verifier',
        areaCode: '31.74',
      },
    });
    const first = await submitForReview('first.csv', [BUDI, SITI]);
    const refused = reviewSubmission({
      db,
      user: verifier,
      submissionId: first,
      decisions: [
        { rowNumber: 2, decision: 'return', reason: 'KTP belum dilihat' },
        { rowNumber: 3, decision: 'forward' },
      ],
    });
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toThrow(
      /KK 3174010101100001 \(RW 002 RT 001\): the head of the family is not forwarded/,
    );
    // Nothing of the refused review stays: both rows wait as before, the registry holds no family.
    const rows = await db
      .selectFrom('intake_row')
      .select(['row_number', 'review'])
      .orderBy('row_number')
      .execute();
    expect(rows).toEqual([
      { row_number: 2, review: 'pending' },
      { row_number: 3, review: 'pending' },
    ]);
    expect(await households()).toEqual([]);

    await reviewSubmission({ db, user: verifier, submissionId: first, forwardAllAccepted: true });
    expect(await households()).toHaveLength(1);

    // The family is in the registry now: a new child may be forwarded alone.
    const second = await submitForReview('second.csv', [BUDI, RINA]);
    const { forwarded } = await reviewSubmission({
      db,
      user: verifier,
      submissionId: second,
      decisions: [{ rowNumber: 3, decision: 'forward' }],
    });
    expect(forwarded).toBe(1);
  });
});
