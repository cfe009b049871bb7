import { type Expression, type SqlBool, sql } from 'kysely';
import type { AreaScope } from './area-scope.ts';

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
