import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref';
const HEAD =
  '3174010101100091,3174010505800001,BUDI SANTOSO,L,JAKARTA,05/05/1980,KEPALA KELUARGA,KAWIN,PEDAGANG,JL. TEBET 1,001,002,31.74.01.1001,081234567890,T,Y,A1';

describe('tepat intake rows and tepat import households', () => {
  const fixture = useTestDatabase();
  const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });

  it('writes cells a spreadsheet would run as formulas as plain text', async () => {
    const formula = HEAD.replace('BUDI SANTOSO', '"=HYPERLINK(""http://evil.example"",""klik"")"').replace(
      ',A1',
      ',@SUM(1+1)',
    );
    const filePath = await fixture.writeFile('formula.csv', `${HEADER}\n${formula}\n`);
    const { submissionId } = await submitIntakeFile({
      db: fixture.database.db,
      actor: { userId: null, username: 'test' },
      scope: WHOLE_COUNTRY,
      filePath,
      fileName: 'formula.csv',
      channel: 'cli',
      forwardImmediately: false,
    });
    const out = path.join(path.dirname(filePath), 'rows.csv');
    const { code } = await tepat(['intake', 'rows', String(submissionId), '--out', out]);
    expect(code).toBe(0);
    const [header, row] = (await readFile(out, 'utf8')).split('\n');
    expect(header).toBe('row,validation,review,ref,no_kk,nik,nama,reasons');
    expect(row).toMatch(
      /^2,rejected,pending,'@SUM\(1\+1\),3174010101100091,3174010505800001,"'=HYPERLINK\(""http:\/\/evil\.example"",""klik""\)","/,
    );
  }, 60_000);

  it('exits 1 naming a file with a header and no rows', async () => {
    const filePath = await fixture.writeFile('header-only.csv', `${HEADER}\n`);
    const { code, stderr } = await tepat(['import', 'households', filePath]);
    expect(code).toBe(1);
    expect(stderr).toContain('header-only.csv: there are no rows under the header');
  }, 60_000);
});
