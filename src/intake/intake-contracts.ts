import { z } from 'zod';
import { MARITAL_STATUSES, RELATIONSHIPS } from './intake-codes.ts';

export const ZRelationshipSchema = z.enum(RELATIONSHIPS);

export const ZMaritalStatusSchema = z.enum(MARITAL_STATUSES);

export const ZIntakeFormSchema = z.object({
  household: z.object({
    kkNumber: z.string().max(40),
    address: z.string().max(500),
    rt: z.string().max(10),
    rw: z.string().max(10),
    kelurahanCode: z.string().max(20),
    phone: z.string().max(30).optional().default(''),
    fixedIncome: z.boolean(),
    covidAffected: z.boolean(),
  }),
  members: z
    .array(
      z.object({
        nik: z.string().max(40).optional().default(''),
        nikAbsenceReason: z.string().max(200).optional().default(''),
        fullName: z.string().max(200),
        sex: z.enum(['L', 'P']),
        birthPlace: z.string().max(100).optional().default(''),
        birthDate: z.string().max(20),
        relationship: ZRelationshipSchema,
        maritalStatus: ZMaritalStatusSchema,
        occupation: z.string().max(100).optional().default(''),
      }),
    )
    .min(1)
    .max(30),
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
        reason: z.string().max(500).optional(),
      }),
    )
    .max(10_000)
    .optional(),
  forwardAllAccepted: z.boolean().optional(),
});

export const ZErrorSchema = z.object({ error: z.string(), message: z.string() });
