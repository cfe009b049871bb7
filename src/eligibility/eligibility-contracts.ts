import { z } from 'zod';

export const ZRuleSchema = z.object({
  code: z.string(),
  enabled: z.boolean(),
  parameters: z.record(z.string(), z.unknown()),
});

export const ZProgrammeSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  amountPerCycle: z.number(),
  areaCode: z.string(),
  rules: z.array(ZRuleSchema),
});

export const ZCycleSchema = z.object({
  id: z.number(),
  programmeCode: z.string(),
  programmeName: z.string(),
  period: z.string(),
  periods: z.array(z.string()),
  amount: z.number(),
  createdAt: z.string(),
});

export const ZDeterminationSchema = z.object({
  id: z.number(),
  cycleId: z.number(),
  kotaCode: z.string(),
  kotaName: z.string().nullable(),
  status: z.string(),
  preparedBy: z.number(),
  preparedByName: z.string().nullable(),
  preparedAt: z.string(),
  signedByName: z.string().nullable(),
  signedAt: z.string().nullable(),
  familyCount: z.number(),
  eligibleCount: z.number(),
  totalAmount: z.number(),
  summary: z.object({
    byDecision: z.record(z.string(), z.number()).optional(),
    byReason: z.array(z.object({ decision: z.string(), code: z.string(), count: z.number() })).optional(),
    byFlag: z.record(z.string(), z.number()).optional(),
  }),
  previousDeterminationId: z.number().nullable(),
});

export const ZCycleDetailSchema = z.object({
  cycle: ZCycleSchema,
  determinations: z.array(ZDeterminationSchema),
  kotas: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const ZDeterminationDetailSchema = z.object({
  determination: ZDeterminationSchema,
  cycle: ZCycleSchema.nullable(),
  kelurahan: z.array(
    z.object({
      kelurahanCode: z.string(),
      kelurahanName: z.string().nullable(),
      kecamatanName: z.string().nullable(),
      eligible: z.number(),
      excluded: z.number(),
      pending: z.number(),
      amount: z.number(),
    }),
  ),
  changesSincePrevious: z
    .object({
      counts: z.record(z.string(), z.number()),
      families: z.array(
        z.object({
          householdId: z.number(),
          kkNumberMasked: z.string(),
          kelurahanCode: z.string(),
          headName: z.string().nullable(),
          change: z.string(),
          previousDecision: z.string().nullable(),
          currentDecision: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

export const ZFamilyDecisionSchema = z.object({
  householdId: z.number(),
  kkNumberMasked: z.string(),
  kelurahanCode: z.string(),
  rw: z.string(),
  rt: z.string(),
  decision: z.string(),
  headName: z.string().nullable(),
  collectorName: z.string().nullable(),
  address: z.string().nullable(),
  memberCount: z.number(),
  amount: z.number(),
  flags: z.array(z.string()),
  reasons: z.array(z.object({ code: z.string(), rule: z.string(), effect: z.string(), text: z.string() })),
});

export const ZPrepareResultSchema = z.object({
  determinationId: z.number(),
  familyCount: z.number(),
  eligibleCount: z.number(),
  totalAmount: z.number(),
  byDecision: z.record(z.string(), z.number()),
});

/** One family's decision in one list still in force (the family page's "why", cycle by cycle). */
export const ZFamilyCycleDecisionSchema = z.object({
  determinationId: z.number(),
  cycleId: z.number(),
  programmeName: z.string(),
  periods: z.array(z.string()),
  kotaCode: z.string(),
  listStatus: z.enum(['prepared', 'signed']),
  decision: z.enum(['eligible', 'excluded', 'pending']),
  amount: z.number(),
  flags: z.array(z.string()),
  reasons: z.array(z.string()),
});
export type TFamilyCycleDecision = z.infer<typeof ZFamilyCycleDecisionSchema>;
