// Retiring a split kecamatan: NIKs first issued there become warnings; the change itself is audited.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { findRegion } from './region-repository.ts';

describe('tepat regions retire', () => {
  const fixture = useTestDatabase();
  const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });

  it('records the retired code with its successors and an audit entry; an unknown successor is one clear line', async () => {
    const db = fixture.database.db;
    const retired = await tepat([
      'regions',
      'retire',
      '31.72.07',
      '--successors',
      '31.72.01,31.72.02',
      '--name',
      'Kecamatan Lama',
      '--note',
      'Perda 1/2001',
    ]);
    expect(retired.code).toBe(0);
    expect(await findRegion(db, '31.72.07')).toMatchObject({
      retired: true,
      successorCodes: ['31.72.01', '31.72.02'],
    });
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'region.retire')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_username: 'system', entity_id: '31.72.07', area_code: '31.72.07' });
    expect(entry.after).toMatchObject({ retired: true, note: 'Perda 1/2001' });

    const unknown = await tepat(['regions', 'retire', '31.72.08', '--successors', '99.99.99', '--name', 'X']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('tepat: Successor region 99.99.99 does not exist');
    expect(await findRegion(db, '31.72.08')).toBeUndefined();

    const inUse = await tepat([
      'regions',
      'retire',
      '31.74.01',
      '--successors',
      '31.74.02',
      '--name',
      'Tebet',
    ]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('31.74.01 (Tebet) is a current region');
    expect(await findRegion(db, '31.74.01')).toMatchObject({ retired: false });
  }, 60_000);
});
