// Requests of the intake screens.
import { api, uploadWithProgress } from '../api/client.ts';
import type { RowFilter, Submission, SubmissionRow, SubmissionStatus } from '../api/types.ts';

export const intakeKeys = {
  all: ['intake'] as const,
  submissions: (status: SubmissionStatus | 'all', page: number, pageSize: number, returnedOnly = false) =>
    ['intake', 'submissions', status, page, pageSize, returnedOnly] as const,
  submission: (id: number) => ['intake', 'submission', id] as const,
  rows: (id: number, filter: RowFilter, page: number, pageSize: number) =>
    ['intake', 'submission', id, 'rows', filter, page, pageSize] as const,
};

export const TEMPLATE_CSV_URL = '/api/intake/template.csv';
export const TEMPLATE_XLSX_URL = '/api/intake/template.xlsx';

/** returnedOnly: only submissions with rows returned to their sender. */
export function listSubmissions(
  status: SubmissionStatus | 'all',
  page: number,
  pageSize: number,
  returnedOnly = false,
) {
  return api.get<{ submissions: Submission[]; total: number }>('/api/intake/submissions', {
    status: status === 'all' ? undefined : status,
    returned: returnedOnly ? 'true' : undefined,
    page,
    pageSize,
  });
}

export async function getSubmission(id: number): Promise<Submission> {
  const { submission } = await api.get<{ submission: Submission }>(`/api/intake/submissions/${id}`);
  return submission;
}

export function listRows(id: number, filter: RowFilter, page: number, pageSize: number) {
  return api.get<{ rows: SubmissionRow[]; total: number }>(`/api/intake/submissions/${id}/rows`, {
    filter,
    page,
    pageSize,
  });
}

export async function uploadIntakeFile(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Submission> {
  const formData = new FormData();
  formData.append('file', file, file.name);
  const { submission } = await uploadWithProgress<{ submission: Submission }>(
    '/api/intake/uploads',
    formData,
    onProgress,
  );
  return submission;
}

export interface FormHousehold {
  kkNumber: string;
  address: string;
  rt: string;
  rw: string;
  kelurahanCode: string;
  phone: string;
  /** null: not known. */
  fixedIncome: boolean | null;
  covidAffected: boolean | null;
}

export interface FormMember {
  nik: string;
  nikAbsenceReason: string;
  fullName: string;
  sex: 'L' | 'P' | '';
  birthPlace: string;
  birthDate: string;
  relationship: string;
  maritalStatus: string;
  occupation: string;
}

export async function submitForm(household: FormHousehold, members: FormMember[]): Promise<Submission> {
  const { submission } = await api.post<{ submission: Submission }>('/api/intake/forms', {
    household,
    members,
  });
  return submission;
}

export async function correctRow(id: number, rowNumber: number, values: Record<string, string>) {
  const { row } = await api.patch<{ row: SubmissionRow }>(`/api/intake/submissions/${id}/rows/${rowNumber}`, {
    values,
  });
  return row;
}

export type ReviewDecision = { rowNumber: number; decision: 'forward' | 'return'; reason?: string };

export async function reviewRows(
  id: number,
  body: { decisions: ReviewDecision[] } | { forwardAllAccepted: true },
) {
  const { submission } = await api.post<{ submission: Submission }>(
    `/api/intake/submissions/${id}/review`,
    body,
  );
  return submission;
}
