import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import * as regionNameCase from '../db/migrations/0013-region-name-case.ts';

describe('migration 0013: region names written before DKI was kept whole', () => {
  const fixture = useTestDatabase();

  const nameOf = async (code: string) =>
    (await sql<{ name: string }>`select name from region where code = ${code}`.execute(fixture.database.db))
      .rows[0]?.name;

  it('renames the catalog names of earlier imports and leaves a name an officer changed', async () => {
    const db = fixture.database.db;
    // Freshly loaded regions are already right.
    expect(await nameOf('31')).toBe('DKI Jakarta');
    await sql`update region set name = 'Dki Jakarta' where code = '31'`.execute(db);
    await sql`update region set name = 'Kabupaten Pangkajene Dan Kepulauan' where code = '73.10'`.execute(db);
    await regionNameCase.up(db as never);
    expect([await nameOf('31'), await nameOf('73.10')]).toEqual([
      'DKI Jakarta',
      'Kabupaten Pangkajene dan Kepulauan',
    ]);
    await sql`update region set name = 'Provinsi Dki Jakarta' where code = '31'`.execute(db);
    await regionNameCase.up(db as never);
    expect(await nameOf('31')).toBe('Provinsi Dki Jakarta');
  });
});
