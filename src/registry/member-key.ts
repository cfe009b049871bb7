import { sql } from 'kysely';

/**
 * A member is the same person across submissions by NIK, or by name and birth date when there is none: the key
 * of an intake row, its columns qualified by `table` when given. FirstLoadLines makes the same text for ASCII
 * names.
 */
export function memberKeyOf(table?: string) {
  const column = (name: string) => sql.ref(table ? `${table}.${name}` : name);
  return sql`coalesce(${column('nik')}, 'name:' || lower(${column('full_name')}) || ':' || coalesce(${column('birth_date')}::text, ''))`;
}

/** memberKeyOf an intake row's unqualified columns. */
export const MEMBER_KEY = memberKeyOf();
