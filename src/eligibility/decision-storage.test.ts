// Where the rows of a list live: a table per preparation, attached as a partition of eligibility_decision.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { createUser } from '../auth/create-user.ts';
import type { Role } from '../auth/roles.ts';
import { type SessionUser, SYSTEM_ACTOR } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import * as eligibilitySpeed from '../db/migrations/0009-eligibility-speed.ts';
import { createCycle } from './create-cycle.ts';
import { prepareDetermination, prepareDeterminations } from './prepare-determination.ts';
import { signDetermination } from './sign-determination.ts';
import { insertTestFamily } from './test-families.ts';

describe('storage of recipient lists', () => {
  const fixture = useTestDatabase();
  let db: DatabaseClient;
  let verifier: SessionUser;
  let approver: SessionUser;

  const user = (role: Role, username: string) =>
    createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: { username, fullName: username, password: 'a-long-password-1', role, areaCode: '31' },
    });
  const rowsOf = async (determinationId: number) =>
    (
      await sql<{ count: number; tables: string[] }>`
        select count(*)::int as count, coalesce(array_agg(distinct tableoid::regclass::text), '{}') as tables
        from eligibility_decision where determination_id = ${determinationId}`.execute(db)
    ).rows[0];

  beforeAll(async () => {
    db = fixture.database.db;
    verifier = await user('verifier', 'verifier.storage');
    approver = await user('approver', 'approver.storage');
    await insertTestFamily(db, {
      kkNumber: '3174010101210101',
      members: [{ name: 'BUDI', nik: '3174010101800101' }],
    });
    await insertTestFamily(db, {
      kkNumber: '3174010101210102',
      members: [{ name: 'SITI', nik: '3174014101800102' }],
    });
    await insertTestFamily(db, {
      kkNumber: '3171010101210103',
      kelurahanCode: '31.71.01.1001',
      members: [{ name: 'ADI', nik: '3171010101800103' }],
    });
  });

  it('keeps the lists of one preparation in one table; a list prepared again leaves the others untouched', async () => {
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-07',
      months: 1,
    });
    const [central, south] = await prepareDeterminations({
      db,
      user: verifier,
      cycleId: cycle.id,
      kotaCodes: 'all',
    });
    if (!central || !south) throw new Error('two lists expected');
    const table = `eligibility_decision_${Math.min(central.determinationId, south.determinationId)}`;
    expect(await rowsOf(central.determinationId)).toEqual({ count: 1, tables: [table] });
    expect(await rowsOf(south.determinationId)).toEqual({ count: 2, tables: [table] });
    await signDetermination({ db, user: approver, determinationId: central.determinationId });

    // The south list shares its table with the signed central list: only its own rows go.
    const again = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    expect(await rowsOf(south.determinationId)).toEqual({ count: 0, tables: [] });
    expect(await rowsOf(central.determinationId)).toEqual({ count: 1, tables: [table] });
    expect(await rowsOf(again.determinationId)).toEqual({
      count: 2,
      tables: [`eligibility_decision_${again.determinationId}`],
    });

    // Alone in its table, a list prepared again empties it.
    const third = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    expect(await rowsOf(again.determinationId)).toEqual({ count: 0, tables: [] });
    expect(await rowsOf(third.determinationId)).toMatchObject({ count: 2 });

    // The signed list's rows are frozen in their partition too.
    await expect(
      sql`update eligibility_decision set amount = 0 where determination_id = ${central.determinationId}`.execute(
        db,
      ),
    ).rejects.toThrow(/signed and frozen/);
    await expect(
      sql`delete from ${sql.table(table)} where determination_id = ${central.determinationId}`.execute(db),
    ).rejects.toThrow(/signed and frozen/);
    // Nor can its table, or the partitioned table, be emptied whole.
    await expect(sql`truncate table ${sql.table(table)}`.execute(db)).rejects.toThrow(/signed and frozen/);
    await expect(sql`truncate table eligibility_decision`.execute(db)).rejects.toThrow(/signed and frozen/);
    expect(await rowsOf(central.determinationId)).toEqual({ count: 1, tables: [table] });
  });

  it('keeps the lists prepared before the change of storage, frozen, in one partition', async () => {
    const signed = await sql<{ id: number }>`
      select id from determination where status = 'signed' order by id limit 1`.execute(db);
    const signedId = signed.rows[0]?.id ?? 0;
    const before = await sql<{ kk_number: string }>`
      select kk_number from eligibility_decision order by determination_id, kk_number`.execute(db);
    // Back to one plain table with every row, then forward again.
    await eligibilitySpeed.down(db as never);
    const plain = await sql<{ kind: string }>`
      select relkind::text as kind from pg_class where relname = 'eligibility_decision'`.execute(db);
    expect(plain.rows).toEqual([{ kind: 'r' }]);
    await eligibilitySpeed.up(db as never);
    const after = await sql<{ kk_number: string }>`
      select kk_number from eligibility_decision order by determination_id, kk_number`.execute(db);
    expect(after.rows).toEqual(before.rows);
    expect(await rowsOf(signedId)).toEqual({ count: 1, tables: ['eligibility_decision_0007'] });
    await expect(
      sql`delete from eligibility_decision where determination_id = ${signedId}`.execute(db),
    ).rejects.toThrow(/signed and frozen/);
    // New lists still get tables of their own beside it.
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-08',
      months: 1,
    });
    const list = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    expect(await rowsOf(list.determinationId)).toEqual({
      count: 2,
      tables: [`eligibility_decision_${list.determinationId}`],
    });
  });

  it('decides the same in a worker thread as on the thread holding the connections', async () => {
    const cycle = await createCycle({
      db,
      user: verifier,
      programmeCode: 'BST-PROV',
      period: '2021-10',
      months: 1,
    });
    const rowsOfList = async (determinationId: number) =>
      (
        await sql<Record<string, unknown>>`
          select kk_number, household_id, decision, reasons::text, flags, head_name, collector_name, amount
          from eligibility_decision where determination_id = ${determinationId} order by household_id`.execute(
          db,
        )
      ).rows;
    const inline = await prepareDetermination({ db, user: verifier, cycleId: cycle.id, kotaCode: '31.74' });
    const inlineRows = await rowsOfList(inline.determinationId);
    const [inWorker] = await prepareDeterminations({
      db,
      user: verifier,
      cycleId: cycle.id,
      kotaCodes: ['31.74'],
      decideInWorker: true,
    });
    if (!inWorker) throw new Error('a list expected');
    expect(await rowsOfList(inWorker.determinationId)).toEqual(inlineRows);
    expect(inWorker.byReason).toEqual(inline.byReason);
    expect(inlineRows).toHaveLength(2);
  });
});
