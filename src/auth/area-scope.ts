import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

/** The part of the province a user may see: a region code prefix, narrowed to one RW for RT/RW heads. */
export interface AreaScope {
  areaCode: string;
  rw: string | null;
}

export const WHOLE_COUNTRY: AreaScope = { areaCode: '', rw: null };

/** True when a kelurahan (and RW) lies inside the scope. */
export function scopeCovers(scope: AreaScope, kelurahanCode: string, rw?: string | null): boolean {
  const inArea =
    scope.areaCode === '' ||
    kelurahanCode === scope.areaCode ||
    kelurahanCode.startsWith(`${scope.areaCode}.`);
  if (!inArea) return false;
  return scope.rw === null || rw === scope.rw;
}

/** A SQL condition restricting rows by their kelurahan (and RW) column to the scope. */
export function inAreaScope(
  scope: AreaScope,
  kelurahanColumn: Expression<string | null>,
  rwColumn?: Expression<string | null>,
): Expression<SqlBool> {
  const conditions = [];
  if (scope.areaCode !== '') {
    conditions.push(
      sql<SqlBool>`(${kelurahanColumn} = ${scope.areaCode} or ${kelurahanColumn} like ${`${scope.areaCode}.%`})`,
    );
  }
  if (scope.rw !== null) {
    if (!rwColumn) throw new Error('An RW-scoped user needs an RW column to filter by');
    conditions.push(sql<SqlBool>`${rwColumn} = ${scope.rw}`);
  }
  if (conditions.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

export type { ExpressionBuilder };
