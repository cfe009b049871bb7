import { z } from 'zod';
import { MARITAL_STATUSES, RELATIONSHIPS } from './intake-codes.ts';
import {
  HOUSEHOLD_FIELD_LIMITS as HOUSEHOLD,
  MEMBER_FIELD_LIMITS as MEMBER,
  MEMBERS_PER_FORM,
  REVIEW_REASON_LIMIT,
} from './intake-form-limits.ts';

export const ZRelationshipSchema = z.enum(RELATIONSHIPS);

export const ZMaritalStatusSchema = z.enum(MARITAL_STATUSES);

export const ZIntakeFormSchema = z.object({
  household: z.object({
    kkNumber: z.string().max(HOUSEHOLD.kkNumber),
    address: z.string().max(HOUSEHOLD.address),
    rt: z.string().max(HOUSEHOLD.rt),
    rw: z.string().max(HOUSEHOLD.rw),
    kelurahanCode: z.string().max(HOUSEHOLD.kelurahanCode),
    phone: z.string().max(HOUSEHOLD.phone).optional().default(''),
    /** null: not known (stored blank, as in a file); the eligibility rule then decides what unknown means. */
    fixedIncome: z.boolean().nullable(),
    covidAffected: z.boolean().nullable(),
  }),
  members: z
    .array(
      z.object({
        nik: z.string().max(MEMBER.nik).optional().default(''),
        nikAbsenceReason: z.string().max(MEMBER.nikAbsenceReason).optional().default(''),
        fullName: z.string().max(MEMBER.fullName),
        sex: z.enum(['L', 'P']),
        birthPlace: z.string().max(MEMBER.birthPlace).optional().default(''),
        birthDate: z.string().max(MEMBER.birthDate),
        relationship: ZRelationshipSchema,
        /** '': not stated, as a blank cell of a file. */
        maritalStatus: z
          .union([ZMaritalStatusSchema, z.literal('')])
          .optional()
          .default(''),
        occupation: z.string().max(MEMBER.occupation).optional().default(''),
      }),
    )
    .min(1)
    .max(MEMBERS_PER_FORM),
});
export type TIntakeForm = z.infer<typeof ZIntakeFormSchema>;

export const ZProblemSchema = z.object({
  field: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

export const ZSubmissionSchema = z.object({
  id: z.number(),
  channel: z.string(),
  fileName: z.string().nullable(),
  kelurahanCode: z.string().nullable(),
  kelurahanName: z.string().nullable(),
  rw: z.string().nullable(),
  rt: z.string().nullable(),
  submittedBy: z.object({ username: z.string().nullable(), fullName: z.string().nullable() }),
  submittedAt: z.string(),
  status: z.string(),
  rowCount: z.number(),
  acceptedCount: z.number(),
  rejectedCount: z.number(),
  warningCount: z.number(),
  pendingCount: z.number(),
  forwardedCount: z.number(),
  returnedCount: z.number(),
  /** Accepted rows still waiting, those "forward all" takes; counted when one submission is read, null in lists. */
  acceptedPendingCount: z.number().nullable(),
  fileProblems: z.array(z.object({ code: z.string(), message: z.string() })),
  duplicateOf: z.number().nullable(),
});
export type TSubmission = z.infer<typeof ZSubmissionSchema>;

export const ZSubmissionRowSchema = z.object({
  rowNumber: z.number(),
  values: z.record(z.string(), z.string()),
  validation: z.enum(['accepted', 'rejected']),
  problems: z.array(ZProblemSchema),
  review: z.enum(['pending', 'forwarded', 'returned']),
  reviewReason: z.string().nullable(),
  householdId: z.number().nullable(),
});
export type TSubmissionRow = z.infer<typeof ZSubmissionRowSchema>;

export const ZRowFilterSchema = z.enum(['all', 'rejected', 'warnings', 'pending', 'forwarded', 'returned']);

export const ZPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const ZReviewSchema = z.object({
  decisions: z
    .array(
      z.object({
        rowNumber: z.number().int(),
        decision: z.enum(['forward', 'return']),
        reason: z.string().max(REVIEW_REASON_LIMIT).optional(),
      }),
    )
    .max(10_000)
    .optional(),
  forwardAllAccepted: z.boolean().optional(),
});

export const ZErrorSchema = z.object({ error: z.string(), message: z.string() });
