// Requests of the registry screens (families and their members).

import type {
  THouseholdChanges,
  TMemberChanges,
  TRegistryEditResponse,
} from '../../../src/registry/registry-edit-contracts.ts';
import { api } from '../api/client.ts';
import type { Household, HouseholdChange, HouseholdSummary, RegistrySummary } from '../api/types.ts';

export interface HouseholdSearch {
  q: string;
  kelurahanCode: string;
  rw: string;
  page: number;
}

export const registryKeys = {
  all: ['registry'] as const,
  summary: ['registry', 'summary'] as const,
  search: (search: HouseholdSearch, pageSize: number) =>
    ['registry', 'households', search, pageSize] as const,
  household: (id: number, reveal: boolean) => ['registry', 'household', id, reveal] as const,
  history: (id: number, reveal = false) => ['registry', 'household', id, 'history', reveal] as const,
};

export function searchHouseholds(search: HouseholdSearch, pageSize: number) {
  return api.get<{ households: HouseholdSummary[]; total: number }>('/api/households', {
    ...search,
    pageSize,
  });
}

export async function getHousehold(id: number, reveal: boolean): Promise<Household> {
  const { household } = await api.get<{ household: Household }>(`/api/households/${id}`, { reveal });
  return household;
}

export async function getHouseholdHistory(id: number, reveal = false): Promise<HouseholdChange[]> {
  const { changes } = await api.get<{ changes: HouseholdChange[] }>(`/api/households/${id}/history`, {
    reveal,
  });
  return changes;
}

/** A verifier's correction of a family, with the reason the history keeps. */
export function editHousehold(id: number, changes: THouseholdChanges, reason: string) {
  return api.patch<TRegistryEditResponse>(`/api/households/${id}`, { changes, reason });
}

export function editMember(householdId: number, memberId: number, changes: TMemberChanges, reason: string) {
  return api.patch<TRegistryEditResponse>(`/api/households/${householdId}/members/${memberId}`, {
    changes,
    reason,
  });
}

export function getRegistrySummary(): Promise<RegistrySummary> {
  return api.get<RegistrySummary>('/api/registry/summary');
}
