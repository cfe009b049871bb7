import { sql } from 'kysely';

/**
 * A member is the same person across submissions by NIK, or by name and birth date when there is none: the key
 * of an intake row (unqualified columns). FirstLoadLines makes the same text for ASCII names.
 */
export const MEMBER_KEY = sql`coalesce(nik, 'name:' || lower(full_name) || ':' || coalesce(birth_date::text, ''))`;
