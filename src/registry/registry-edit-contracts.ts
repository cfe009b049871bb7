import { z } from 'zod';
import { MARITAL_STATUSES, RELATIONSHIPS } from '../intake/intake-codes.ts';
import { ZHouseholdDetailSchema } from './registry-contracts.ts';

// Free text an officer types; empty means "clear the value" where the field may be empty.
const optionalText = z.string().max(500).nullable().optional();

/** Why the data changes: kept on every history entry of the edit. */
const ZReason = z.string().trim().min(5, 'Give the reason for the change (at least 5 characters)').max(500);

/** Family facts a verifier corrects; the KK number and kelurahan are the listing's identity and stay. */
export const ZHouseholdChangesSchema = z
  .object({
    address: z.string().max(500).optional(),
    rt: z.string().max(10).optional(),
    rw: z.string().max(10).optional(),
    phone: optionalText,
    fixedIncome: z.boolean().nullable().optional(),
    covidAffected: z.boolean().nullable().optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    /** moved_out: the family left the province (excluded from the next cycle); active undoes it. */
    status: z.enum(['active', 'moved_out']).optional(),
  })
  .strict();
export type THouseholdChanges = z.infer<typeof ZHouseholdChangesSchema>;

export const ZHouseholdEditSchema = z.object({ changes: ZHouseholdChangesSchema, reason: ZReason });
export type THouseholdEdit = z.infer<typeof ZHouseholdEditSchema>;

/** A member's facts as on the KK, and the life events the registry hears of (death, moving away). */
export const ZMemberChangesSchema = z
  .object({
    fullName: z.string().max(500).optional(),
    nik: optionalText,
    nikAbsenceReason: optionalText,
    sex: z.enum(['L', 'P']).optional(),
    birthPlace: optionalText,
    /** DD/MM/YYYY as on the KK, or any date form the intake file accepts. */
    birthDate: z.string().max(30).optional(),
    relationship: z.enum(RELATIONSHIPS).optional(),
    maritalStatus: z.enum(MARITAL_STATUSES).nullable().optional(),
    occupation: optionalText,
    lifeStatus: z.enum(['alive', 'deceased']).optional(),
    /** YYYY-MM-DD; required with lifeStatus deceased. */
    deathDate: z.iso.date().nullable().optional(),
    /** Where the death was learnt: a death certificate, the RT, Dukcapil's list… */
    deathSource: optionalText,
    moved: z.boolean().optional(),
    /** Where to, when known. */
    movedNote: optionalText,
  })
  .strict();
export type TMemberChanges = z.infer<typeof ZMemberChangesSchema>;

export const ZMemberEditSchema = z.object({ changes: ZMemberChangesSchema, reason: ZReason });
export type TMemberEdit = z.infer<typeof ZMemberEditSchema>;

export const ZRegistryEditResponseSchema = z.object({
  household: ZHouseholdDetailSchema,
  /** The registry columns whose values changed (nothing when the values were already so). */
  changedFields: z.array(z.string()),
  /** Notes the intake checks make but that do not stop the change, in the reader's language. */
  warnings: z.array(z.string()),
});
export type TRegistryEditResponse = z.infer<typeof ZRegistryEditResponseSchema>;
