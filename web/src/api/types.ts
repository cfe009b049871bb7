// Shapes of the Tepat API responses, as the web UI uses them.
import type { Role } from '../../../src/auth/roles.ts';
import type { SessionUser } from '../../../src/auth/session-user.ts';

export type { Role };

/** The signed-in user as the server sends it; `active` comes with user lists. */
export interface User extends SessionUser {
  active?: boolean;
}

export interface Region {
  code: string;
  name: string;
  level: number | string;
  parentCode?: string | null;
}

export type SubmissionChannel = 'upload' | 'form' | 'cli';
export type SubmissionStatus = 'in_review' | 'reviewed' | 'file_rejected';

export interface Submission {
  id: number;
  channel: SubmissionChannel;
  fileName: string | null;
  kelurahanCode: string | null;
  kelurahanName: string | null;
  rw: string | null;
  rt: string | null;
  submittedBy: { username: string | null; fullName: string | null } | null;
  submittedAt: string;
  status: SubmissionStatus;
  rowCount: number;
  acceptedCount: number;
  rejectedCount: number;
  warningCount: number;
  pendingCount: number;
  forwardedCount: number;
  returnedCount: number;
  /** Accepted rows still waiting, those "forward all" takes; null in lists (counted when one submission is read). */
  acceptedPendingCount: number | null;
  fileProblems: { code?: string; message: string }[];
  /** Set when the same file was already submitted: nothing changed, this is the earlier submission's id. */
  duplicateOf?: number | null;
}

export type RowFilter = 'all' | 'rejected' | 'warnings' | 'pending' | 'forwarded' | 'returned';

export interface RowProblem {
  field: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface SubmissionRow {
  rowNumber: number;
  values: Record<string, string>;
  validation: 'accepted' | 'rejected';
  problems: RowProblem[];
  review: 'pending' | 'forwarded' | 'returned';
  reviewReason: string | null;
  householdId: number | null;
}

export interface HouseholdSummary {
  id: number;
  kkNumberMasked: string;
  headName: string | null;
  address: string | null;
  rt: string;
  rw: string;
  kelurahanCode: string;
  kelurahanName: string | null;
  memberCount: number;
  status: string;
}

export interface HouseholdMember {
  id: number;
  nik: string | null;
  nikAbsenceReason: string | null;
  fullName: string;
  sex: string | null;
  birthPlace: string | null;
  birthDate: string | null;
  relationship: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  lifeStatus: string;
  deathDate: string | null;
  /** Where the death was learnt. */
  deathSource: string | null;
  moved: boolean;
  movedNote: string | null;
  ref: string | null;
}

export interface Household {
  id: number;
  kkNumber: string;
  kelurahanCode: string;
  kelurahanName: string | null;
  rw: string;
  rt: string;
  address: string | null;
  phone: string | null;
  /** Null when the listing did not say. */
  fixedIncome: boolean | null;
  covidAffected: boolean | null;
  status: string;
  /** Set when the family was merged into another after a second review. */
  mergedIntoHouseholdId: number | null;
  latitude: number | null;
  longitude: number | null;
  ref: string | null;
  /** The submission the family first arrived through. */
  origin: {
    submissionId: number;
    channel: string;
    fileName: string | null;
    submittedBy: string | null;
    submittedAt: string;
  } | null;
  /** False when the numbers came back masked. */
  revealed?: boolean;
  createdAt: string;
  updatedAt: string;
  members: HouseholdMember[];
}

export interface HouseholdChange {
  changedAt: string;
  field: string;
  memberId: number | null;
  memberName: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  sourceSubmissionId: number | null;
  changedBy: string | { username: string; fullName?: string } | null;
}

export interface RegistrySummary {
  households: number;
  members: number;
  submissionsInReview: number;
  rowsRejected: number;
  rowsPending: number;
}
