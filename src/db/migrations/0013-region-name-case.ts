import { type Kysely, sql } from 'kysely';

/**
 * Region names imported before the catalog kept DKI whole read 'Dki Jakarta' (and '… Dan Kepulauan'): they are
 * written as the catalog now writes them. A database without regions yet is left as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update region set name = 'DKI Jakarta' where code = '31' and name = 'Dki Jakarta'`.execute(db);
  await sql`
    update region set name = 'Kabupaten Pangkajene dan Kepulauan'
    where code = '73.10' and name = 'Kabupaten Pangkajene Dan Kepulauan'`.execute(db);
}

export async function down(): Promise<void> {
  // The earlier spelling was a mistake; nothing to restore.
}
