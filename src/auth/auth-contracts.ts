import { z } from 'zod';
import { ROLES } from './roles.ts';

export const ZSessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  areaCode: z.string(),
  areaRw: z.string().nullable(),
});
export type TSessionUser = z.infer<typeof ZSessionUserSchema>;

export const ZUserSummarySchema = ZSessionUserSchema.extend({
  active: z.boolean(),
  createdAt: z.string(),
});
export type TUserSummary = z.infer<typeof ZUserSummarySchema>;

export const ZLoginRequestSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type TLoginRequest = z.infer<typeof ZLoginRequestSchema>;

export const ZUserResponseSchema = z.object({ user: ZSessionUserSchema });
export type TUserResponse = z.infer<typeof ZUserResponseSchema>;

export const ZUserSummaryResponseSchema = z.object({ user: ZUserSummarySchema });
export type TUserSummaryResponse = z.infer<typeof ZUserSummaryResponseSchema>;

export const ZUserListResponseSchema = z.object({
  users: z.array(ZUserSummarySchema.extend({ areaName: z.string().nullable() })),
});
export type TUserListResponse = z.infer<typeof ZUserListResponseSchema>;

export const ZCreateUserRequestSchema = z.object({
  username: z.string().min(1).max(100),
  fullName: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  role: z.enum(ROLES),
  /** Dotted region code: '31', '31.74', '31.74.01' or '31.74.01.1001'. */
  areaCode: z.string().min(2).max(13),
  /** Required for RT/RW heads: '001' to '999'. */
  areaRw: z.string().nullish(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequestSchema>;

export const ZUserIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export type TUserIdParams = z.infer<typeof ZUserIdParamsSchema>;

export const ZErrorResponseSchema = z.object({ error: z.string(), message: z.string() });
export type TErrorResponse = z.infer<typeof ZErrorResponseSchema>;

export const ZChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequestSchema>;

/** A reset password, shown this once to the administrator who passes it on. */
export const ZPasswordResetResponseSchema = z.object({ user: ZUserSummarySchema, password: z.string() });
export type TPasswordResetResponse = z.infer<typeof ZPasswordResetResponseSchema>;
