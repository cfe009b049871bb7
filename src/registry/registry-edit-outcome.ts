// What the two registry edits share: refusing a change the checks stop, and its history entries.
import { badRequest, conflict } from '../http/http-error.ts';
import { formatProblem } from '../intake/problem-messages.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import type { EditCheck, StoredValue } from './registry-edit-check.ts';
import type { NewRegistryChange } from './registry-edit-repository.ts';

/** Throws when the edit breaks a rule (naming every field at fault); returns the warnings that remain. */
export function assertEditAccepted(check: EditCheck): RowProblem[] {
  if (check.refusal) throw badRequest(check.refusal.code, { en: check.refusal.en, id: check.refusal.id });
  const errors = check.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0)
    throw badRequest('registry_edit_invalid', {
      en: errors.map((problem) => formatProblem(problem, 'en')).join('; '),
      id: errors.map((problem) => formatProblem(problem, 'id')).join('; '),
    });
  return check.problems.filter((problem) => problem.severity === 'warning');
}

/** A family merged into another is read-only: its data lives on in the family it joined. */
export function assertNotMerged(household: { status: string; merged_into_household_id: number | null }) {
  if (household.status === 'merged')
    throw conflict('household_merged', {
      en: `This family was merged into family #${household.merged_into_household_id}; edit that family`,
      id: `Keluarga ini sudah digabung ke keluarga #${household.merged_into_household_id}; ubah keluarga tersebut`,
    });
}

export function changesOf(
  stored: Record<string, unknown>,
  updates: Record<string, StoredValue>,
  memberId: number | null,
): NewRegistryChange[] {
  return Object.entries(updates).map(([field, newValue]) => ({
    memberId,
    field,
    oldValue: (stored[field] ?? null) as StoredValue,
    newValue,
  }));
}

/** The stored values of the changed columns only: the audit entry's before and after. */
export function pick(values: Record<string, unknown>, columns: string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column) => [column, values[column] ?? null]));
}
