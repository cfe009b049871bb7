import { sql } from 'kysely';
import type { DatabaseClient } from '../db/database.ts';
import { MEMBER_KEY } from './member-key.ts';
import type { StoredValue } from './registry-edit-check.ts';

export interface FamilyKey {
  kkNumber: string;
  householdId: number;
}

// Columns an edit may set: the services pass only these, and a typo fails here rather than in SQL.
const HOUSEHOLD_COLUMNS = new Set([
  'address',
  'rt',
  'rw',
  'phone',
  'fixed_income',
  'covid_affected',
  'latitude',
  'longitude',
  'status',
]);
const MEMBER_COLUMNS = new Set([
  'nik',
  'nik_absence_reason',
  'full_name',
  'sex',
  'birth_place',
  'birth_date',
  'relationship',
  'marital_status',
  'occupation',
  'life_status',
  'death_date',
  'death_source',
  'moved',
  'moved_note',
]);
// The columns a member is recognised by across submissions (see member-key.ts).
const MEMBER_KEY_COLUMNS = ['nik', 'full_name', 'birth_date'];

function assignments(updates: Record<string, StoredValue>, allowed: Set<string>) {
  return sql.join(
    Object.entries(updates).map(([column, value]) => {
      if (!allowed.has(column)) throw new Error(`Column ${column} may not be edited`);
      return sql`${sql.ref(column)} = ${value}`;
    }),
  );
}

export async function updateHouseholdColumns(
  db: DatabaseClient,
  family: FamilyKey,
  updates: Record<string, StoredValue>,
): Promise<void> {
  await sql`
    update household set ${assignments(updates, HOUSEHOLD_COLUMNS)}, updated_at = now()
    where kk_number = ${family.kkNumber} and id = ${family.householdId}`.execute(db);
}

/** Sets the member's columns; a new NIK, name or birth date also gives the member its new key. */
export async function updateMemberColumns(
  db: DatabaseClient,
  family: FamilyKey,
  memberId: number,
  updates: Record<string, StoredValue>,
): Promise<void> {
  const where = sql`kk_number = ${family.kkNumber} and household_id = ${family.householdId} and id = ${memberId}`;
  await sql`
    update household_member set ${assignments(updates, MEMBER_COLUMNS)}, updated_at = now()
    where ${where}`.execute(db);
  // A second statement: SET expressions would read the old values.
  if (MEMBER_KEY_COLUMNS.some((column) => column in updates))
    await sql`update household_member set member_key = ${MEMBER_KEY} where ${where}`.execute(db);
}

export interface NewRegistryChange {
  memberId: number | null;
  field: string;
  oldValue: StoredValue;
  newValue: StoredValue;
}

/** One history entry per changed column: who, when (now), old → new and why. */
export async function insertRegistryChanges(
  db: DatabaseClient,
  family: FamilyKey,
  { changes, reason, userId }: { changes: NewRegistryChange[]; reason: string; userId: number },
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('registry_change')
    .values(
      changes.map((change) => ({
        kk_number: family.kkNumber,
        household_id: family.householdId,
        member_id: change.memberId,
        field: change.field,
        old_value: change.oldValue === null ? null : String(change.oldValue),
        new_value: change.newValue === null ? null : String(change.newValue),
        reason,
        changed_by: userId,
        // The time of the change, not of its transaction's start: an edit that waited for another's lock comes after it.
        changed_at: sql<Date>`clock_timestamp()`,
      })),
    )
    .execute();
}

/** Another listing of the same KK in the same kelurahan, RW and RT (the registry keeps one). */
export async function findOtherListing(
  db: DatabaseClient,
  listing: { kkNumber: string; kelurahanCode: string; rw: string; rt: string; householdId: number },
): Promise<number | undefined> {
  const row = await db
    .selectFrom('household')
    .select('id')
    .where('kk_number', '=', listing.kkNumber)
    .where('kelurahan_code', '=', listing.kelurahanCode)
    .where('rw', '=', listing.rw)
    .where('rt', '=', listing.rt)
    .where('id', '<>', listing.householdId)
    .executeTakeFirst();
  return row?.id;
}
