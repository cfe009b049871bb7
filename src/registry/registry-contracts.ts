import { z } from 'zod';

export const ZHouseholdListItemSchema = z.object({
  id: z.number(),
  kkNumberMasked: z.string(),
  headName: z.string().nullable(),
  address: z.string().nullable(),
  rt: z.string(),
  rw: z.string(),
  kelurahanCode: z.string(),
  kelurahanName: z.string().nullable(),
  memberCount: z.number(),
  status: z.string(),
});

export const ZMemberSchema = z.object({
  id: z.number(),
  nik: z.string().nullable(),
  nikAbsenceReason: z.string().nullable(),
  fullName: z.string(),
  sex: z.string().nullable(),
  birthPlace: z.string().nullable(),
  birthDate: z.string().nullable(),
  relationship: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  occupation: z.string().nullable(),
  lifeStatus: z.string(),
  deathDate: z.string().nullable(),
  /** Where the death was learnt (death certificate, RT report, Dukcapil list). */
  deathSource: z.string().nullable(),
  moved: z.boolean(),
  movedNote: z.string().nullable(),
  ref: z.string().nullable(),
});

export const ZHouseholdDetailSchema = z.object({
  id: z.number(),
  kkNumber: z.string(),
  kelurahanCode: z.string(),
  kelurahanName: z.string().nullable(),
  rw: z.string(),
  rt: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** The two facts the eligibility rule reads; null when the listing did not say. */
  fixedIncome: z.boolean().nullable(),
  covidAffected: z.boolean().nullable(),
  status: z.string(),
  /** The family a merged one was folded into after a second review. */
  mergedIntoHouseholdId: z.number().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  ref: z.string().nullable(),
  /** The submission the family first arrived through; null for families from before submissions were kept. */
  origin: z
    .object({
      submissionId: z.number(),
      channel: z.string(),
      fileName: z.string().nullable(),
      submittedBy: z.string().nullable(),
      submittedAt: z.string(),
    })
    .nullable(),
  revealed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  members: z.array(ZMemberSchema),
});
export type THouseholdDetail = z.infer<typeof ZHouseholdDetailSchema>;

export const ZChangeSchema = z.object({
  changedAt: z.string(),
  field: z.string(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  /** Free text of the person who changed it, or a code: intake, correction, verification. */
  reason: z.string(),
  /** The submission that brought an intake change. */
  sourceSubmissionId: z.number().nullable(),
  changedBy: z.string().nullable(),
});
