import { z } from 'zod';

export const ZAgreementSchema = z.enum(['agree', 'partial', 'disagree', 'missing']);
export type TAgreement = z.infer<typeof ZAgreementSchema>;

export const ZQueueItemSchema = z.object({
  pairKey: z.string(),
  runId: z.number(),
  kind: z.enum(['registry', 'ministry']),
  weight: z.number(),
  probability: z.number().nullable(),
  kelurahanCode: z.string(),
  kelurahanName: z.string().nullable(),
  leftName: z.string().nullable(),
  rightName: z.string().nullable(),
  /** Set for ministry pairs: which programme and period the row comes from. */
  programme: z.string().nullable(),
  period: z.string().nullable(),
  /** True when the same person was matched in two different families: a same-person decision merges them. */
  crossFamily: z.boolean(),
  differingFields: z.array(z.string()),
  /** Why the second reviewer turned down an earlier merge of this pair, when they did. */
  rejectedMergeReason: z.string().nullable(),
});

export const ZQueueSchema = z.object({
  run: z
    .object({
      id: z.number(),
      areaCode: z.string(),
      finishedAt: z.string().nullable(),
      thresholds: z.object({ match: z.number(), review: z.number() }).nullable(),
    })
    .nullable(),
  pairs: z.array(ZQueueItemSchema),
  total: z.number(),
  kelurahan: z.array(z.object({ code: z.string(), name: z.string().nullable(), count: z.number() })),
});

const ZFamilyMemberSchema = z.object({
  id: z.number(),
  fullName: z.string(),
  nik: z.string().nullable(),
  relationship: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  lifeStatus: z.string(),
});

export const ZRegistrySideSchema = z.object({
  source: z.literal('registry'),
  memberId: z.number(),
  householdId: z.number(),
  householdStatus: z.string(),
  kkNumber: z.string(),
  nik: z.string().nullable(),
  fullName: z.string(),
  sex: z.string().nullable(),
  birthPlace: z.string().nullable(),
  birthDate: z.string().nullable(),
  relationship: z.string().nullable(),
  lifeStatus: z.string(),
  moved: z.boolean(),
  address: z.string().nullable(),
  rt: z.string(),
  rw: z.string(),
  kelurahanCode: z.string(),
  kelurahanName: z.string().nullable(),
  ref: z.string().nullable(),
  members: z.array(ZFamilyMemberSchema),
});

export const ZMinistrySideSchema = z.object({
  source: z.literal('ministry'),
  programme: z.string(),
  period: z.string(),
  listId: z.number(),
  rowNumber: z.number(),
  ref: z.string().nullable(),
  nik: z.string().nullable(),
  kkNumber: z.string().nullable(),
  fullName: z.string().nullable(),
  /** A ministry row has no sex column: read from the NIK's day of birth (+40 for women) when it has one. */
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
});

export const ZComparisonSchema = z.object({
  field: z.string(),
  level: z.string(),
  agreement: ZAgreementSchema,
  weight: z.number(),
  termFrequencyAdjustment: z.number().nullable(),
  leftValue: z.string().nullable(),
  rightValue: z.string().nullable(),
});

export const ZDecisionSchema = z.object({
  decision: z.enum(['same_person', 'different_people']),
  reason: z.string(),
  decidedBy: z.object({ id: z.number(), username: z.string().nullable(), fullName: z.string().nullable() }),
  decidedAt: z.string(),
  mergeStatus: z.enum(['awaiting_second_review', 'confirmed', 'rejected']).nullable(),
  secondReviewer: z.object({ username: z.string().nullable(), fullName: z.string().nullable() }).nullable(),
  secondReviewedAt: z.string().nullable(),
  secondReason: z.string().nullable(),
});

export const ZPairDetailSchema = z.object({
  pairKey: z.string(),
  runId: z.number(),
  kind: z.enum(['registry', 'ministry']),
  band: z.string(),
  weight: z.number(),
  probability: z.number().nullable(),
  thresholds: z.object({ match: z.number(), review: z.number() }).nullable(),
  crossFamily: z.boolean(),
  revealed: z.boolean(),
  left: ZRegistrySideSchema,
  right: z.discriminatedUnion('source', [ZRegistrySideSchema, ZMinistrySideSchema]),
  comparison: z.array(ZComparisonSchema),
  decision: ZDecisionSchema.nullable(),
  /** True when this pair waits for the user's own decision (undecided, or a turned-down merge). */
  open: z.boolean(),
});
export type TPairDetail = z.infer<typeof ZPairDetailSchema>;
export type TRegistrySide = z.infer<typeof ZRegistrySideSchema>;
export type TMinistrySide = z.infer<typeof ZMinistrySideSchema>;
export type TDecision = z.infer<typeof ZDecisionSchema>;

const reasonText = z.string().trim().max(1000);

export const ZDecideSchema = z.object({
  pairKey: z.string().min(1).max(300),
  runId: z.number().int().optional(),
  decision: z.enum(['same_person', 'different_people']),
  reason: reasonText,
});

export const ZSecondReviewSchema = z.object({
  pairKey: z.string().min(1).max(300),
  runId: z.number().int().optional(),
  answer: z.enum(['confirm', 'reject']),
  reason: reasonText.optional(),
});

export const ZAwaitingMergeSchema = z.object({
  pairKey: z.string(),
  runId: z.number(),
  reason: z.string(),
  decidedAt: z.string(),
  decidedBy: z.object({ id: z.number(), username: z.string().nullable(), fullName: z.string().nullable() }),
  /** True when the user proposed it: they cannot be its second reviewer. */
  mine: z.boolean(),
  weight: z.number(),
  leftHouseholdId: z.number(),
  rightHouseholdId: z.number().nullable(),
  leftName: z.string().nullable(),
  rightName: z.string().nullable(),
  kelurahanCode: z.string(),
});
