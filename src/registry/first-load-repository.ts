import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyLinesInto } from '../db/copy-rows.ts';
import type { DatabaseClient } from '../db/database.ts';
import {
  FIRST_LOAD_HOUSEHOLD_COLUMNS,
  FIRST_LOAD_MEMBER_COLUMNS,
  FIRST_LOAD_SOURCE_FIELDS,
  type FirstLoadCounts,
  FirstLoadLines,
} from './first-load-lines.ts';

// The arriving rows' fields in the order FirstLoadLines reads them (FIRST_LOAD_SOURCE_FIELDS).
const SOURCE_SELECT: Record<(typeof FIRST_LOAD_SOURCE_FIELDS)[number], string> = {
  kk_number: 'kk_number',
  // As MEMBER_KEY in intake-arrival-repository.ts: later arrivals find these members by it.
  member_key: `coalesce(nik, 'name:' || lower(full_name) || ':' || coalesce(birth_date::text, ''))`,
  nik: 'nik',
  nik_absence_reason: 'nik_absence_reason',
  full_name: 'full_name',
  sex: 'sex',
  birth_place: 'birth_place',
  birth_date: 'birth_date',
  relationship: 'relationship',
  marital_status: 'marital_status',
  occupation: 'occupation',
  ref: 'ref',
  row_number: 'row_number',
  kelurahan_code: 'kelurahan_code',
  rw: 'rw',
  rt: 'rt',
  address: 'address',
  phone: 'phone',
  fixed_income: 'fixed_income',
  covid_affected: 'covid_affected',
  is_head: `relationship = 'head'`,
};

/**
 * Brings a submission's arriving rows into an empty registry by COPY: the rows are read out in row order,
 * numbered in Node (FirstLoadLines) and written back as families and members. Measured at a million families,
 * this replaces about 22 s of grouping and INSERT … SELECT (see the issue-2 notes). The caller holds the arrival
 * turn and the registry tables' exclusive lock, and has emptied them in this transaction (hence FREEZE).
 */
export async function loadEmptyRegistry(
  client: pg.PoolClient,
  db: DatabaseClient,
  { submissionId, table, freeze }: { submissionId: number; table: string; freeze: boolean },
): Promise<FirstLoadCounts> {
  const first = await sql<{ household: string; member: string }>`
    select nextval('household_id_seq')::text as household, nextval('household_member_id_seq')::text as member`.execute(
    db,
  );
  const lines = FIRST_LOAD_SOURCE_FIELDS.map((field) => SOURCE_SELECT[field]).join(', ');
  const source = `select ${lines} from "${table.replaceAll('"', '""')}"
    where submission_id = ${Math.trunc(submissionId)} and review = 'forwarded' and validation = 'accepted'
    order by row_number`;
  // Member lines (about 170 bytes each) wait in a file while the rows are read out: one connection, one COPY at a time.
  const folder = await mkdtemp(join(tmpdir(), 'tepat-first-load-'));
  const memberFile = join(folder, 'members.copy');
  const spill = createWriteStream(memberFile);
  try {
    const pending: Buffer[] = [];
    const builder = new FirstLoadLines({
      submissionId,
      firstHouseholdId: Number(first.rows[0]?.household),
      firstMemberId: Number(first.rows[0]?.member),
      onMemberLines: (chunk) => pending.push(chunk),
    });
    const written = async () => {
      for (const chunk of pending.splice(0)) {
        if (!spill.write(chunk)) await once(spill, 'drain');
      }
    };
    for await (const chunk of client.query(copyTo(`copy (${source}) to stdout`)) as AsyncIterable<Buffer>) {
      builder.push(chunk);
      await written();
    }
    const counts = builder.end();
    await written();
    spill.end();
    await once(spill, 'finish');
    await copyLinesInto({
      client,
      table: 'household',
      columns: FIRST_LOAD_HOUSEHOLD_COLUMNS,
      lines: builder.households(),
      freeze,
    });
    await copyLinesInto({
      client,
      table: 'household_member',
      columns: FIRST_LOAD_MEMBER_COLUMNS,
      lines: createReadStream(memberFile),
      freeze,
    });
    // Ids given here are not drawn from the sequences one by one: they go on after the last.
    if (counts.lastHouseholdId !== null) {
      await sql`select setval('household_id_seq', ${counts.lastHouseholdId})`.execute(db);
    }
    if (counts.lastMemberId !== null) {
      await sql`select setval('household_member_id_seq', ${counts.lastMemberId})`.execute(db);
    }
    return counts;
  } finally {
    spill.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
