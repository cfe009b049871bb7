// Requests of the eligibility screens: programmes and rules, cycles, recipient lists and their families.
import { api, apiRequest } from '../api/client.ts';

export interface Rule {
  code: string;
  enabled: boolean;
  parameters: Record<string, unknown>;
}
export interface Programme {
  id: number;
  code: string;
  name: string;
  amountPerCycle: number;
  areaCode: string;
  rules: Rule[];
}
export interface Cycle {
  id: number;
  programmeCode: string;
  programmeName: string;
  period: string;
  periods: string[];
  amount: number;
  createdAt: string;
}
export interface Determination {
  id: number;
  cycleId: number;
  kotaCode: string;
  kotaName: string | null;
  status: 'prepared' | 'signed' | 'superseded';
  preparedBy: number;
  preparedByName: string | null;
  preparedAt: string;
  signedByName: string | null;
  signedAt: string | null;
  familyCount: number;
  eligibleCount: number;
  totalAmount: number;
  summary: {
    byDecision?: Record<string, number>;
    byReason?: { decision: string; code: string; count: number }[];
    byFlag?: Record<string, number>;
  };
  previousDeterminationId: number | null;
}
export interface CycleDetail {
  cycle: Cycle;
  determinations: Determination[];
  kotas: { code: string; name: string }[];
}
export interface KelurahanCount {
  kelurahanCode: string;
  kelurahanName: string | null;
  kecamatanName: string | null;
  eligible: number;
  excluded: number;
  pending: number;
  amount: number;
}
export interface DeterminationDetail {
  determination: Determination;
  cycle: Cycle | null;
  kelurahan: KelurahanCount[];
  changesSincePrevious: {
    counts: Record<string, number>;
    families: {
      householdId: number;
      kkNumberMasked: string;
      kelurahanCode: string;
      headName: string | null;
      change: string;
      previousDecision: string | null;
      currentDecision: string | null;
    }[];
  } | null;
}
export interface FamilyDecision {
  householdId: number;
  kkNumberMasked: string;
  kelurahanCode: string;
  rw: string;
  rt: string;
  decision: 'eligible' | 'excluded' | 'pending';
  headName: string | null;
  collectorName: string | null;
  address: string | null;
  memberCount: number;
  amount: number;
  flags: string[];
  reasons: { code: string; rule: string; effect: string; text: string }[];
}
export interface FamilyFilter {
  kelurahanCode: string;
  decision: string;
  reason: string;
  page: number;
}

export const eligibilityKeys = {
  all: ['eligibility'] as const,
  programmes: ['eligibility', 'programmes'] as const,
  cycles: ['eligibility', 'cycles'] as const,
  cycle: (id: number) => ['eligibility', 'cycle', id] as const,
  determination: (id: number) => ['eligibility', 'determination', id] as const,
  families: (id: number, filter: FamilyFilter) =>
    ['eligibility', 'determination', id, 'families', filter] as const,
  householdDecisions: (householdId: number) => ['eligibility', 'household', householdId] as const,
};

/** One family's decision in one list still in force. */
export interface FamilyCycleDecision {
  determinationId: number;
  cycleId: number;
  programmeName: string;
  periods: string[];
  kotaCode: string;
  listStatus: 'prepared' | 'signed';
  decision: 'eligible' | 'excluded' | 'pending';
  amount: number;
  flags: string[];
  reasons: string[];
}

export const getHouseholdDecisions = (householdId: number) =>
  api
    .get<{ decisions: FamilyCycleDecision[] }>(`/api/households/${householdId}/decisions`)
    .then((result) => result.decisions);

export const getProgrammes = () =>
  api.get<{ programmes: Programme[] }>('/api/eligibility/programmes').then((result) => result.programmes);
export const updateRule = (programmeId: number, rule: Rule) =>
  apiRequest<{ rule: Rule; triedOn: Record<string, number> }>(
    `/api/eligibility/programmes/${programmeId}/rules/${rule.code}`,
    { method: 'PUT', body: { enabled: rule.enabled, parameters: rule.parameters } },
  );
export const getCycles = () =>
  api.get<{ cycles: Cycle[] }>('/api/eligibility/cycles').then((result) => result.cycles);
export const createCycle = (body: { programmeCode: string; period: string; months: number }) =>
  api.post<{ cycle: Cycle }>('/api/eligibility/cycles', body).then((result) => result.cycle);
export const getCycle = (id: number) => api.get<CycleDetail>(`/api/eligibility/cycles/${id}`);
export const prepareList = (cycleId: number, kotaCode: string) =>
  api.post<{ determinationId: number }>(`/api/eligibility/cycles/${cycleId}/determinations`, { kotaCode });
export const getDetermination = (id: number) =>
  api.get<DeterminationDetail>(`/api/eligibility/determinations/${id}`);
export const signList = (id: number) =>
  api.post<{ signedAt: string }>(`/api/eligibility/determinations/${id}/sign`);
export const getFamilies = (id: number, filter: FamilyFilter, pageSize: number) =>
  api.get<{ families: FamilyDecision[]; total: number }>(`/api/eligibility/determinations/${id}/families`, {
    ...filter,
    pageSize,
  });
export const annexUrl = (id: number, format: 'xlsx' | 'pdf', kelurahanCode?: string) =>
  `/api/eligibility/determinations/${id}/annex.${format}${kelurahanCode ? `?kelurahanCode=${encodeURIComponent(kelurahanCode)}` : ''}`;
