// Requests of the registry screens (families and their members).
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
  history: (id: number) => ['registry', 'household', id, 'history'] as const,
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

export async function getHouseholdHistory(id: number): Promise<HouseholdChange[]> {
  const { changes } = await api.get<{ changes: HouseholdChange[] }>(`/api/households/${id}/history`);
  return changes;
}

export function getRegistrySummary(): Promise<RegistrySummary> {
  return api.get<RegistrySummary>('/api/registry/summary');
}
