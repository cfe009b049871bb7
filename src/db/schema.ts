import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A timestamp the database fills in on insert. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionTable {
  code: string;
  level: number;
  name: string;
  parent_code: string | null;
  latitude: number | null;
  longitude: number | null;
  boundary: Json<unknown> | null;
  retired: Generated<boolean>;
  successor_codes: Generated<string[]>;
  note: string | null;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  password_hash: string;
  role: string;
  area_code: string;
  area_rw: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  created_by: number | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: GeneratedTimestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  area_code: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  detail: Json<unknown> | null;
}

export interface IntakeSubmissionTable {
  id: Generated<number>;
  channel: string;
  file_name: string | null;
  file_sha256: string | null;
  file_format: string | null;
  kelurahan_code: string | null;
  rw: string | null;
  rt: string | null;
  submitted_by: number | null;
  submitted_at: GeneratedTimestamp;
  status: string;
  row_count: Generated<number>;
  accepted_count: Generated<number>;
  rejected_count: Generated<number>;
  warning_count: Generated<number>;
  pending_count: Generated<number>;
  forwarded_count: Generated<number>;
  returned_count: Generated<number>;
  file_problems: ColumnType<unknown[], string | undefined, string>;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  applied_at: Timestamp | null;
  duplicate_of: number | null;
}

export interface IntakeFileTable {
  submission_id: number;
  content: Buffer;
}

export interface IntakeRowTable {
  submission_id: number;
  row_number: number;
  kk_number: string | null;
  nik: string | null;
  nik_absence_reason: string | null;
  full_name: string | null;
  sex: string | null;
  birth_place: string | null;
  birth_date: string | null;
  relationship: string | null;
  marital_status: string | null;
  occupation: string | null;
  address: string | null;
  rt: string | null;
  rw: string | null;
  kelurahan_code: string | null;
  phone: string | null;
  fixed_income: boolean | null;
  covid_affected: boolean | null;
  ref: string | null;
  /** The cells as submitted, keyed by header, as JSON text (displayed, never queried). */
  raw: string;
  problems: ColumnType<unknown[], string | undefined, string>;
  validation: string;
  review: Generated<string>;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
}

export interface HouseholdTable {
  kk_number: string;
  id: Generated<number>;
  kelurahan_code: string;
  rw: string;
  rt: string;
  address: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  fixed_income: boolean | null;
  covid_affected: boolean | null;
  status: Generated<string>;
  ref: string | null;
  source_submission_id: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  merged_into_household_id: number | null;
}

export interface HouseholdMemberTable {
  kk_number: string;
  id: Generated<number>;
  household_id: number;
  member_key: string;
  nik: string | null;
  nik_absence_reason: string | null;
  full_name: string;
  sex: string | null;
  birth_place: string | null;
  birth_date: string | null;
  relationship: string | null;
  marital_status: string | null;
  occupation: string | null;
  life_status: Generated<string>;
  death_date: string | null;
  death_source: string | null;
  moved: Generated<boolean>;
  moved_note: string | null;
  ref: string | null;
  source_submission_id: number | null;
  source_row_number: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface RegistryChangeTable {
  kk_number: string;
  id: Generated<number>;
  household_id: number;
  member_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  changed_by: number | null;
  changed_at: GeneratedTimestamp;
  source_submission_id: number | null;
  source_row_number: number | null;
}

export interface MinistryListTable {
  id: Generated<number>;
  programme: string;
  period: string;
  file_name: string;
  file_sha256: string;
  imported_by: string;
  imported_at: GeneratedTimestamp;
  status: string;
  replaced_at: Timestamp | null;
  row_count: Generated<number>;
  accepted_count: Generated<number>;
  rejected_count: Generated<number>;
}

export interface MinistryPersonTable {
  list_id: number;
  row_number: number;
  nik: string | null;
  kk_number: string | null;
  full_name: string | null;
  birth_date: string | null;
  region_code: string | null;
  ref: string | null;
  validation: string;
  problems: ColumnType<unknown[], string | undefined, string>;
  raw: string | null;
}

export interface VerificationSettingTable {
  id: Generated<number>;
  match_threshold: number;
  review_threshold: number;
  updated_by: number | null;
  updated_at: GeneratedTimestamp;
}

export interface VerificationRunTable {
  id: Generated<number>;
  area_code: string;
  /** queued | running | completed | failed */
  status: string;
  requested_by: number | null;
  requested_at: GeneratedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  stages_done: Generated<string[]>;
  progress: ColumnType<Record<string, unknown>, string | undefined, string>;
  model: ColumnType<unknown, string | null | undefined, string | null>;
  thresholds: ColumnType<unknown, string | null | undefined, string | null>;
  figures: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: string | null;
}

export interface VerificationFindingTable {
  run_id: number;
  kk_number: string;
  household_id: number;
  member_id: number | null;
  kelurahan_code: string;
  code: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface VerificationPairTable {
  run_id: number;
  kk_number: string;
  pair_key: string;
  /** registry | ministry */
  kind: string;
  /** match | review | nik_conflict */
  band: string;
  weight: number;
  left_member_id: number;
  left_household_id: number;
  left_kelurahan_code: string;
  right_member_id: number | null;
  right_household_id: number | null;
  right_kk_number: string | null;
  right_kelurahan_code: string | null;
  ministry_list_id: number | null;
  ministry_row_number: number | null;
  ministry_programme: string | null;
  ministry_period: string | null;
  ministry_ref: string | null;
  levels: ColumnType<Record<string, string>, string, string>;
  explanation: ColumnType<unknown[], string, string>;
}

export interface MatchDecisionTable {
  pair_key: string;
  kind: string;
  /** same_person | different_people */
  decision: string;
  reason: string;
  decided_by: number;
  decided_at: GeneratedTimestamp;
  left_member_id: number;
  left_household_id: number;
  right_member_id: number | null;
  right_household_id: number | null;
  /** For a same-person decision joining two families: awaiting_second_review | confirmed | rejected. */
  merge_status: string | null;
  second_reviewer: number | null;
  second_reviewed_at: Timestamp | null;
  second_reason: string | null;
}

export interface VerificationPersonTable {
  run_id: number;
  kk_number: string;
  household_id: number;
  member_id: number;
  kelurahan_code: string;
  ref: string | null;
  nik: string | null;
  status: string;
  reasons: string[];
  matched_ref: string | null;
  matched_source: string | null;
  score: number | null;
}

export interface ProgrammeTable {
  id: Generated<number>;
  code: string;
  name: string;
  amount_per_cycle: number;
  area_code: string;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface ProgrammeRuleTable {
  programme_id: number;
  rule_code: string;
  enabled: boolean;
  parameters: ColumnType<Record<string, unknown>, string, string>;
  updated_by: number | null;
  updated_at: GeneratedTimestamp;
}

export interface PaymentCycleTable {
  id: Generated<number>;
  programme_id: number;
  /** First month paid, YYYY-MM. */
  period: string;
  /** Every month paid at once (two for a combined cycle). */
  periods: string[];
  amount: number;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface DeterminationTable {
  id: Generated<number>;
  cycle_id: number;
  kota_code: string;
  /** prepared | signed | superseded */
  status: string;
  prepared_by: number;
  prepared_at: GeneratedTimestamp;
  signed_by: number | null;
  signed_at: Timestamp | null;
  source_fingerprint: string;
  rules: ColumnType<unknown, string, string>;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  family_count: Generated<number>;
  eligible_count: Generated<number>;
  total_amount: Generated<number>;
  previous_determination_id: number | null;
}

export interface EligibilityDecisionTable {
  kk_number: string;
  determination_id: number;
  household_id: number;
  kelurahan_code: string;
  rw: string;
  rt: string;
  /** eligible | excluded | pending */
  decision: string;
  reasons: ColumnType<unknown[], string, string>;
  flags: string[];
  head_name: string | null;
  collector_member_id: number | null;
  collector_name: string | null;
  address: string | null;
  member_count: number;
  amount: number;
}

export interface Database {
  region: RegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  intake_submission: IntakeSubmissionTable;
  intake_row: IntakeRowTable;
  intake_file: IntakeFileTable;
  household: HouseholdTable;
  household_member: HouseholdMemberTable;
  registry_change: RegistryChangeTable;
  ministry_list: MinistryListTable;
  ministry_person: MinistryPersonTable;
  verification_setting: VerificationSettingTable;
  verification_run: VerificationRunTable;
  verification_finding: VerificationFindingTable;
  verification_pair: VerificationPairTable;
  match_decision: MatchDecisionTable;
  verification_person: VerificationPersonTable;
  programme: ProgrammeTable;
  programme_rule: ProgrammeRuleTable;
  payment_cycle: PaymentCycleTable;
  determination: DeterminationTable;
  eligibility_decision: EligibilityDecisionTable;
}

export type AppUserRow = Selectable<AppUserTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type HouseholdMemberRow = Selectable<HouseholdMemberTable>;
export type IntakeSubmissionRow = Selectable<IntakeSubmissionTable>;
export type IntakeRowRow = Selectable<IntakeRowTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
