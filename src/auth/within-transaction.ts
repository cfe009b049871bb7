import type { DatabaseClient } from '../db/database.ts';

/** Runs the work in a transaction, joining the caller's when the client already is one. */
export async function withinTransaction<T>(
  db: DatabaseClient,
  work: (transaction: DatabaseClient) => Promise<T>,
) {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
