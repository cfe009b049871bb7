import type { Actor } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { appendAuditEntries } from './audit-repository.ts';

export const PERSONAL_DATA_READ_ACTION = 'personal_data.read';

export interface RecordAuditOptions {
  /** Pass the transaction of the change so the entry commits or rolls back with it. */
  db: DatabaseClient;
  actor: Actor;
  /** Dotted verb like 'user.create' or 'household.update'. */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** Region code the entity belongs to, so area-scoped auditors see it. */
  areaCode?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

/** Appends one entry to the append-only audit log; every write service calls it. */
export async function recordAudit({
  db,
  actor,
  action,
  entityType,
  entityId,
  areaCode,
  before,
  after,
  detail,
}: RecordAuditOptions): Promise<void> {
  await appendAuditEntries(db, [{ actor, action, entityType, entityId, areaCode, before, after, detail }]);
}

export interface RecordPersonalDataReadOptions {
  db: DatabaseClient;
  actor: Actor;
  entityType: string;
  /** One id, or many when a list shows personal data of several entities (one entry each, one insert). */
  entityId: string | number | (string | number)[];
  /** Which personal fields were shown, e.g. ['nik', 'kkNumber', 'phone']. */
  fields: string[];
  /** Why they were shown, e.g. 'household.detail' or 'export.recipients'. */
  purpose: string;
  areaCode?: string | null;
}

/** Logs that a person saw NIK, KK number or phone; reads by the system itself are not logged. */
export async function recordPersonalDataRead({
  db,
  actor,
  entityType,
  entityId,
  fields,
  purpose,
  areaCode,
}: RecordPersonalDataReadOptions): Promise<void> {
  if (actor.userId === null) return;
  const entityIds = Array.isArray(entityId) ? entityId : [entityId];
  await appendAuditEntries(
    db,
    entityIds.map((id) => ({
      actor,
      action: PERSONAL_DATA_READ_ACTION,
      entityType,
      entityId: id,
      areaCode,
      detail: { fields, purpose },
    })),
  );
}
