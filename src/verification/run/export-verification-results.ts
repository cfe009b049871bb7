// `tepat verify export`: the per-person results of the latest (or a given) completed run, as CSV.
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { latestCompletedRunId, writeVerificationExport } from './verification-export-repository.ts';
import { findVerificationRun } from './verification-run-repository.ts';

export class VerificationExportError extends Error {}

export async function exportVerificationResults({
  db,
  actor,
  filePath,
  runId,
  areaCode = '',
}: {
  db: DatabaseClient;
  actor: Actor;
  filePath: string;
  runId?: number;
  areaCode?: string;
}): Promise<{ runId: number; rows: number }> {
  const chosen = runId ?? (await latestCompletedRunId(db, areaCode));
  if (chosen === null)
    throw new VerificationExportError('No completed verification run yet: run `tepat verify run` first.');
  const run = await findVerificationRun(db, chosen);
  if (!run) throw new VerificationExportError(`No verification run ${chosen}.`);
  if (run.status !== 'completed')
    throw new VerificationExportError(
      `Verification run ${chosen} is ${run.status}, not completed: nothing to export.`,
    );
  const rows = await writeVerificationExport(db, { runId: chosen, filePath });
  // The export holds NIKs: who took them is logged like any other reveal of personal data.
  await recordAudit({
    db,
    actor,
    action: 'verification.export',
    entityType: 'verification_run',
    entityId: String(chosen),
    areaCode: run.areaCode,
    detail: { rows, fields: ['nik'] },
  });
  return { runId: chosen, rows };
}
