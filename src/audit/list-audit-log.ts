import { hasPermission } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { scopeOf } from '../auth/user-scope.ts';
import type { DatabaseClient } from '../db/database.ts';
import { forbidden } from '../http/http-error.ts';
import type { TAuditListResponse, TAuditQuery } from './audit-contracts.ts';
import { listAuditEntries } from './audit-repository.ts';

/** One page of the audit log inside the reader's area, newest first. */
export async function listAuditLog({
  db,
  actor,
  query,
}: {
  db: DatabaseClient;
  actor: SessionUser;
  query: TAuditQuery;
}): Promise<TAuditListResponse> {
  if (!hasPermission(actor.role, 'audit.read'))
    throw forbidden({
      en: 'Only auditors and administrators read the audit log',
      id: 'Hanya auditor dan administrator yang dapat membaca log audit',
    });
  const { entries, total } = await listAuditEntries(
    db,
    {
      scope: scopeOf(actor),
      action: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
      actorUsername: query.actor,
      from: query.from,
      to: query.to,
    },
    { page: query.page, pageSize: query.pageSize },
  );
  return {
    entries: entries.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
