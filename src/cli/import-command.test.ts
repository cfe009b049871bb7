import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { createUser } from '../auth/create-user.ts';
import type { Role } from '../auth/roles.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tanggal_lahir,hubungan_keluarga,alamat,rt,rw,kode_kelurahan,penghasilan_tetap,terdampak_covid';
// One family in Tebet Timur (Kota Jakarta Selatan, 31.74), one in Gambir (Kota Jakarta Pusat, 31.71).
const TEBET =
  '3174010101100091,3174010505800001,BUDI SANTOSO,L,05/05/1980,KEPALA KELUARGA,JL. TEBET 1,001,002,31.74.01.1001,T,Y';
const GAMBIR =
  '3171010101100092,3171010606810001,AGUS SALIM,L,06/06/1981,KEPALA KELUARGA,JL. GAMBIR 2,003,004,31.71.01.1001,T,Y';

describe('tepat import … --as USER', () => {
  const fixture = useTestDatabase();
  const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });
  const users: [string, Role, string, string?][] = [
    ['rt.tebet', 'rt_rw_head', '31.74.01.1001', '002'],
    ['auditor.dki', 'auditor', '31'],
    ['verifier.jaksel', 'verifier', '31.74'],
  ];

  beforeAll(async () => {
    for (const [username, role, areaCode, areaRw] of users) {
      await createUser({
        db: fixture.database.db,
        actor: SYSTEM_ACTOR,
        input: { username, fullName: username, password: 'a-long-password', role, areaCode, areaRw },
      });
    }
  });

  const submissions = async () =>
    (await fixture.database.db.selectFrom('intake_submission').select('id').execute()).length;

  it.each([
    ['rt.tebet', 'rt_rw_head'],
    ['auditor.dki', 'auditor'],
  ])(
    'refuses %s (%s) as the importer of households in one line, storing nothing',
    async (username, role) => {
      const file = await fixture.writeFile(`families-${username}.csv`, `${HEADER}\n${TEBET}\n`);
      const { code, stdout, stderr } = await tepat(['import', 'households', file, '--as', username]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`--as ${username}`);
      expect(stderr).toContain(role);
      expect(stderr).toContain('intake.import');
      expect(await submissions()).toBe(0);
    },
    60_000,
  );

  it('refuses an RT/RW head as the importer of a ministry list and an auditor of a deaths list', async () => {
    const ministry = await fixture.writeFile(
      'pkh.csv',
      'nik,no_kk,nama,tanggal_lahir,kode_wilayah,program,periode\n3174010505800001,3174010101100091,BUDI SANTOSO,05/05/1980,31.74.01.1001,PKH,2021-07\n',
    );
    const list = await tepat([
      'import',
      'ministry-list',
      ministry,
      '--programme',
      'PKH',
      '--period',
      '2021-07',
      '--as',
      'rt.tebet',
    ]);
    expect(list.code).toBe(1);
    expect(list.stderr.trim().split('\n')).toHaveLength(1);
    expect(list.stderr).toContain('--as rt.tebet');
    const deaths = await fixture.writeFile(
      'deaths.csv',
      'nik,nama,tanggal_meninggal\n3174010505800001,BUDI SANTOSO,01/02/2021\n',
    );
    const death = await tepat(['import', 'deaths', deaths, '--as', 'auditor.dki']);
    expect(death.code).toBe(1);
    expect(death.stderr.trim().split('\n')).toHaveLength(1);
    expect(death.stderr).toContain('--as auditor.dki');
    const counts = await fixture.database.db
      .selectFrom('ministry_list')
      .select((eb) => eb.fn.countAll<number>().as('lists'))
      .executeTakeFirstOrThrow();
    expect(Number(counts.lists)).toBe(0);
  }, 60_000);

  it("imports as a kota verifier within the verifier's kota only: a family elsewhere is rejected as outside the area", async () => {
    const file = await fixture.writeFile('two-kota.csv', `${HEADER}\n${TEBET}\n${GAMBIR}\n`);
    const { code, stdout, stderr } = await tepat(['import', 'households', file, '--as', 'verifier.jaksel']);
    expect(stderr).not.toContain('tepat:');
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 rows .*1 accepted .*1 rejected/);
    expect(stdout).toContain('outside your area');
    const households = await fixture.database.db.selectFrom('household').select('kelurahan_code').execute();
    expect(households.map((household) => household.kelurahan_code)).toEqual(['31.74.01.1001']);
  }, 60_000);
});
