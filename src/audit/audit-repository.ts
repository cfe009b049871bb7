import { sql } from 'kysely';
import type { AreaScope } from '../auth/area-scope.ts';
import { inAreaScope } from '../auth/area-scope-sql.ts';
import type { Actor } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';

export interface NewAuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  areaCode?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

export interface AuditEntry {
  id: number;
  occurredAt: Date;
  actorUserId: number | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  areaCode: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditFilters {
  /** Limits entries to this area; entries without an area are shown only to province-wide scopes. */
  scope: AreaScope;
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUsername?: string;
  from?: Date;
  to?: Date;
}

export interface AuditPage {
  page: number;
  pageSize: number;
}

// 11 columns per row keeps a batch of 2,000 well below PostgreSQL's 65,535 parameters.
const INSERT_BATCH_SIZE = 2000;

export async function appendAuditEntries(db: DatabaseClient, entries: NewAuditEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += INSERT_BATCH_SIZE) {
    const batch = entries.slice(start, start + INSERT_BATCH_SIZE);
    await db
      .insertInto('audit_log')
      .values(
        batch.map((entry) => ({
          actor_user_id: entry.actor.userId,
          actor_username: entry.actor.username,
          action: entry.action,
          entity_type: entry.entityType,
          entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
          area_code: entry.areaCode ?? null,
          before: toJson(entry.before),
          after: toJson(entry.after),
          detail: toJson(entry.detail),
        })),
      )
      .execute();
  }
}

export async function listAuditEntries(
  db: DatabaseClient,
  filters: AuditFilters,
  page: AuditPage,
): Promise<{ entries: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filters.scope.areaCode !== '') {
    // Entries without an area (user management, system work) belong to the province-wide view.
    const seesUnplacedEntries = filters.scope.areaCode.length <= 2;
    const scope = { areaCode: filters.scope.areaCode, rw: null };
    query = query.where((eb) => {
      const areaCondition = inAreaScope(scope, eb.ref('area_code'));
      return seesUnplacedEntries ? eb.or([areaCondition, eb('area_code', 'is', null)]) : areaCondition;
    });
  }
  if (filters.action) query = query.where('action', '=', filters.action);
  if (filters.entityType) query = query.where('entity_type', '=', filters.entityType);
  if (filters.entityId) query = query.where('entity_id', '=', filters.entityId);
  if (filters.actorUsername) query = query.where('actor_username', '=', filters.actorUsername);
  // Raw conditions: the schema's Generated<Timestamp> column type does not accept a Date operand.
  if (filters.from) query = query.where(sql<boolean>`occurred_at >= ${filters.from}`);
  if (filters.to) query = query.where(sql<boolean>`occurred_at < ${filters.to}`);

  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.total),
    entries: rows.map((row) => ({
      id: row.id,
      occurredAt: asDate(row.occurred_at),
      actorUserId: row.actor_user_id,
      actorUsername: row.actor_username,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      areaCode: row.area_code,
      before: row.before,
      after: row.after,
      detail: row.detail,
    })),
  };
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

// pg returns timestamptz as a Date; the schema types the generated column loosely.
function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
