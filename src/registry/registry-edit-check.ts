// What an officer's edit of a family or a member would store, checked by the intake's own row rules (no I/O).

import type { HouseholdMemberRow, HouseholdRow } from '../db/schema.ts';
import type { IntakeField } from '../intake/intake-fields.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import {
  type IntakeRecord,
  type IntakeRowContext,
  validateIntakeRow,
} from '../intake/validate-intake-row.ts';
import { parseIsoDate } from './nik.ts';
import type { THouseholdChanges, TMemberChanges } from './registry-edit-contracts.ts';

/** The stored family's columns an edit reads. */
export type StoredHousehold = Pick<
  HouseholdRow,
  | 'kk_number'
  | 'kelurahan_code'
  | 'rw'
  | 'rt'
  | 'address'
  | 'phone'
  | 'fixed_income'
  | 'covid_affected'
  | 'latitude'
  | 'longitude'
  | 'status'
  | 'ref'
>;

/** The stored member's columns an edit reads. */
export type StoredMember = Pick<
  HouseholdMemberRow,
  | 'id'
  | 'nik'
  | 'nik_absence_reason'
  | 'full_name'
  | 'sex'
  | 'birth_place'
  | 'birth_date'
  | 'relationship'
  | 'marital_status'
  | 'occupation'
  | 'life_status'
  | 'death_date'
  | 'death_source'
  | 'moved'
  | 'moved_note'
  | 'ref'
>;

export type StoredValue = string | number | boolean | null;

export interface EditCheck {
  /** Registry column → new value, only for columns whose value changes. */
  updates: Record<string, StoredValue>;
  /** Problems that stop the edit (errors) or are reported beside it (warnings). */
  problems: RowProblem[];
  /** Set when the problem is not one of a row check: the message in both languages. */
  refusal?: { code: string; en: string; id: string };
}

const HOUSEHOLD_FIELDS: readonly IntakeField[] = [
  'address',
  'rt',
  'rw',
  'phone',
  'fixedIncome',
  'covidAffected',
];
const MEMBER_FIELDS: readonly IntakeField[] = [
  'nik',
  'nikAbsenceReason',
  'fullName',
  'sex',
  'birthPlace',
  'birthDate',
  'relationship',
  'maritalStatus',
  'occupation',
];

/** A family's corrected facts: address, RT/RW and phone read as in an intake file, and the two eligibility facts. */
export function checkHouseholdEdit({
  household,
  head,
  changes,
  context,
}: {
  household: StoredHousehold;
  /** The member whose row the check borrows (the head, else the first member). */
  head: StoredMember | undefined;
  changes: THouseholdChanges;
  context: IntakeRowContext;
}): EditCheck {
  const cells = intakeCells(household, head);
  if (changes.address !== undefined) cells.address = changes.address;
  if (changes.rt !== undefined) cells.rt = changes.rt;
  if (changes.rw !== undefined) cells.rw = changes.rw;
  if (changes.phone !== undefined) cells.phone = changes.phone ?? '';
  if (changes.fixedIncome !== undefined) cells.fixedIncome = flagCell(changes.fixedIncome);
  if (changes.covidAffected !== undefined) cells.covidAffected = flagCell(changes.covidAffected);
  const { record, problems } = validateIntakeRow(cells, context);
  const proposed: Record<string, StoredValue> = {};
  if (changes.address !== undefined) proposed.address = record.address;
  if (changes.rt !== undefined) proposed.rt = record.rt;
  if (changes.rw !== undefined) proposed.rw = record.rw;
  if (changes.phone !== undefined) proposed.phone = record.phone;
  if (changes.fixedIncome !== undefined) proposed.fixed_income = changes.fixedIncome;
  if (changes.covidAffected !== undefined) proposed.covid_affected = changes.covidAffected;
  if (changes.latitude !== undefined) proposed.latitude = changes.latitude;
  if (changes.longitude !== undefined) proposed.longitude = changes.longitude;
  if (changes.status !== undefined) proposed.status = changes.status;
  return {
    updates: differences(household as unknown as Record<string, StoredValue>, proposed),
    problems: unreadableAsErrors(
      problems.filter((problem) => isAbout(problem, HOUSEHOLD_FIELDS, changedCells(changes))),
      cells,
      record,
    ),
  };
}

/** A member's corrected facts, checked as an intake row of the family, and the life events recorded on it. */
export function checkMemberEdit({
  household,
  member,
  otherMembers,
  changes,
  context,
}: {
  household: StoredHousehold;
  member: StoredMember;
  otherMembers: readonly StoredMember[];
  changes: TMemberChanges;
  context: IntakeRowContext;
}): EditCheck {
  const cells = intakeCells(household, member);
  if (changes.fullName !== undefined) cells.fullName = changes.fullName;
  if (changes.nik !== undefined) cells.nik = changes.nik ?? '';
  if (changes.nikAbsenceReason !== undefined) cells.nikAbsenceReason = changes.nikAbsenceReason ?? '';
  if (changes.sex !== undefined) cells.sex = changes.sex;
  if (changes.birthPlace !== undefined) cells.birthPlace = changes.birthPlace ?? '';
  if (changes.birthDate !== undefined) cells.birthDate = changes.birthDate;
  if (changes.relationship !== undefined) cells.relationship = changes.relationship;
  if (changes.maritalStatus !== undefined) cells.maritalStatus = changes.maritalStatus ?? '';
  if (changes.occupation !== undefined) cells.occupation = changes.occupation ?? '';
  const { record, problems } = validateIntakeRow(cells, context);

  const proposed: Record<string, StoredValue> = {};
  if (changes.fullName !== undefined) proposed.full_name = record.fullName;
  if (changes.nik !== undefined) {
    proposed.nik = record.nik;
    // A member given an NIK no longer needs the reason there was none.
    if (record.nik !== null && changes.nikAbsenceReason === undefined) proposed.nik_absence_reason = null;
  }
  if (changes.nikAbsenceReason !== undefined) proposed.nik_absence_reason = record.nikAbsenceReason;
  if (changes.sex !== undefined) proposed.sex = record.sex;
  if (changes.birthPlace !== undefined) proposed.birth_place = record.birthPlace;
  if (changes.birthDate !== undefined) proposed.birth_date = record.birthDate;
  if (changes.relationship !== undefined) proposed.relationship = record.relationship;
  if (changes.maritalStatus !== undefined) proposed.marital_status = record.maritalStatus;
  if (changes.occupation !== undefined) proposed.occupation = record.occupation;

  const memberProblems = unreadableAsErrors(
    problems.filter((problem) => isAbout(problem, MEMBER_FIELDS, changedCells(changes))),
    cells,
    record,
  );
  const refusal =
    lifeEventRefusal(
      member,
      changes,
      record.birthDate ?? member.birth_date,
      context.referenceDate,
      proposed,
    ) ?? headRefusal(member, otherMembers, changes);
  return {
    updates: differences(member as unknown as Record<string, StoredValue>, proposed),
    problems: memberProblems,
    refusal,
  };
}

/** Sets the life-event columns in `proposed`; names what is missing or impossible. */
function lifeEventRefusal(
  member: StoredMember,
  changes: TMemberChanges,
  birthDate: string | null,
  referenceDate: Date,
  proposed: Record<string, StoredValue>,
): EditCheck['refusal'] {
  const lifeKeys = ['lifeStatus', 'deathDate', 'deathSource', 'moved', 'movedNote'] as const;
  if (!lifeKeys.some((key) => changes[key] !== undefined)) return undefined;
  const lifeStatus = changes.lifeStatus ?? member.life_status;
  if (lifeStatus === 'deceased') {
    const deathDate = changes.deathDate !== undefined ? changes.deathDate : member.death_date;
    const deathSource = (
      changes.deathSource !== undefined ? changes.deathSource : member.death_source
    )?.trim();
    if (!deathDate)
      return {
        code: 'death_date_required',
        en: 'Give the date of death',
        id: 'Isi tanggal meninggal',
      };
    if (!deathSource)
      return {
        code: 'death_source_required',
        en: 'Say where the death was learnt (death certificate, RT report, Dukcapil list…)',
        id: 'Sebutkan sumber kabar kematian (akta kematian, laporan RT, data Dukcapil…)',
      };
    const today = referenceDate.toISOString().slice(0, 10);
    if (deathDate > today)
      return {
        code: 'death_date_future',
        en: `The date of death ${deathDate} is after today`,
        id: `Tanggal meninggal ${deathDate} melewati hari ini`,
      };
    if (birthDate && parseIsoDate(birthDate) && deathDate < birthDate)
      return {
        code: 'death_before_birth',
        en: `The date of death ${deathDate} is before the birth date ${birthDate}`,
        id: `Tanggal meninggal ${deathDate} sebelum tanggal lahir ${birthDate}`,
      };
    proposed.life_status = 'deceased';
    proposed.death_date = deathDate;
    proposed.death_source = deathSource;
  } else {
    if ((changes.deathDate ?? null) !== null || (changes.deathSource ?? null) !== null)
      return {
        code: 'death_without_status',
        en: 'A date or source of death needs the member recorded as deceased',
        id: 'Tanggal atau sumber kematian hanya diisi bila anggota dicatat meninggal',
      };
    // Recorded as alive again (a death recorded by mistake): its date and source go with it.
    proposed.life_status = 'alive';
    proposed.death_date = null;
    proposed.death_source = null;
  }
  const moved = changes.moved ?? member.moved;
  proposed.moved = moved;
  if (changes.movedNote !== undefined || !moved)
    proposed.moved_note = moved ? (changes.movedNote?.trim() ?? '') || null : null;
  return undefined;
}

/** A family keeps one head: making a second one is refused, naming the head to change first. */
function headRefusal(
  member: StoredMember,
  otherMembers: readonly StoredMember[],
  changes: TMemberChanges,
): EditCheck['refusal'] {
  if (changes.relationship !== 'head' || member.relationship === 'head') return undefined;
  const head = otherMembers.find((other) => other.relationship === 'head');
  if (!head) return undefined;
  return {
    code: 'family_has_head',
    en: `The family already has a head, ${head.full_name}: change their relationship first`,
    id: `Keluarga ini sudah punya kepala keluarga, ${head.full_name}: ubah dulu hubungan keluarganya`,
  };
}

/** The intake cells of a member's row of this family, as stored. */
function intakeCells(household: StoredHousehold, member: StoredMember | undefined) {
  const cells: Partial<Record<IntakeField, string>> = {
    kkNumber: household.kk_number,
    address: household.address ?? '',
    rt: household.rt,
    rw: household.rw,
    kelurahanCode: household.kelurahan_code,
    phone: household.phone ?? '',
    fixedIncome: flagCell(household.fixed_income),
    covidAffected: flagCell(household.covid_affected),
    ref: household.ref ?? '',
  };
  if (member) {
    cells.nik = member.nik ?? '';
    cells.nikAbsenceReason = member.nik_absence_reason ?? '';
    cells.fullName = member.full_name;
    cells.sex = member.sex ?? '';
    cells.birthPlace = member.birth_place ?? '';
    cells.birthDate = member.birth_date ?? '';
    cells.relationship = member.relationship ?? '';
    cells.maritalStatus = member.marital_status ?? '';
    cells.occupation = member.occupation ?? '';
  } else {
    // A family with no member yet: a neutral head so only the family's own cells are judged.
    Object.assign(cells, { fullName: 'Kepala', sex: 'L', birthDate: '1980-01-01', relationship: 'head' });
  }
  return cells;
}

/**
 * An intake row keeps going without a value it cannot read (a warning); an edit must not quietly store nothing
 * for what the officer typed, so there such a problem stops it.
 */
function unreadableAsErrors(
  problems: RowProblem[],
  cells: Partial<Record<IntakeField, string>>,
  record: IntakeRecord,
): RowProblem[] {
  return problems.map((problem) => {
    if (problem.field === 'row' || problem.field === 'family' || problem.severity === 'error') return problem;
    const typed = (cells[problem.field] ?? '').trim() !== '';
    return typed && record[problem.field] === null ? { ...problem, severity: 'error' } : problem;
  });
}

function flagCell(value: boolean | null): string {
  return value === null ? '' : value ? 'Y' : 'T';
}

/** The intake fields an edit touches, by the names the row check reports problems under. */
function changedCells(changes: object): Set<string> {
  const keys = new Set(Object.keys(changes));
  // A new NIK or birth date is judged against the other: their disagreement belongs to either.
  if (keys.has('nik') || keys.has('birthDate') || keys.has('sex')) {
    keys.add('nik');
    keys.add('birthDate');
  }
  return keys;
}

/**
 * Problems of the fields this kind of edit owns. Errors count only on the fields the edit changes, so a member
 * listed with a warning-worthy NIK can still have their occupation corrected; warnings of the touched fields
 * are reported.
 */
function isAbout(problem: RowProblem, owned: readonly IntakeField[], touched: Set<string>): boolean {
  if (problem.field === 'row' || problem.field === 'family') return false;
  return owned.includes(problem.field) && touched.has(problem.field);
}

function differences(
  stored: Record<string, StoredValue>,
  proposed: Record<string, StoredValue>,
): Record<string, StoredValue> {
  const updates: Record<string, StoredValue> = {};
  for (const [column, value] of Object.entries(proposed)) {
    if (!sameValue(stored[column] ?? null, value)) updates[column] = value;
  }
  return updates;
}

function sameValue(left: StoredValue, right: StoredValue): boolean {
  return (left === null ? null : String(left)) === (right === null ? null : String(right));
}
