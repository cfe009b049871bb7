import { z } from 'zod';

export const ZAuditQuerySchema = z.object({
  /** Dotted verb such as 'user.login' or 'household.update'. */
  action: z.string().min(1).optional(),
  entityType: z.string().min(1).optional(),
  entityId: z.string().min(1).optional(),
  /** Username of whoever acted; 'system' for work done by the product itself. */
  actor: z.string().min(1).optional(),
  /** Inclusive start: an ISO date or date-time. */
  from: z.coerce.date().optional(),
  /** Exclusive end: an ISO date or date-time. */
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuerySchema>;

export const ZAuditEntrySchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorUserId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  areaCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntrySchema>;

export const ZAuditListResponseSchema = z.object({
  entries: z.array(ZAuditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TAuditListResponse = z.infer<typeof ZAuditListResponseSchema>;
