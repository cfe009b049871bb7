import type { Command } from 'commander';
import { scopeCovers } from '../auth/area-scope.ts';
import { executeVerificationRun } from '../verification/run/execute-verification-run.ts';
import {
  exportVerificationResults,
  VerificationExportError,
} from '../verification/run/export-verification-results.ts';
import {
  requestVerificationRun,
  VerificationBusyError,
} from '../verification/run/request-verification-run.ts';
import { findVerificationRun } from '../verification/run/verification-run-repository.ts';
import { type CliContext, CliError } from './cli-context.ts';
import { resolveCliActor, resolveCliUser } from './import-command.ts';
import { createProgress } from './progress.ts';

export function registerVerifyCommand(program: Command, context: CliContext): void {
  const verify = program.command('verify').description('Verification and deduplication of the registry');
  verify
    .command('run')
    .option('--area <code>', 'a region code (31.74 for Jakarta Selatan); default the whole registry', '')
    .option('--as <username>', 'the Dinas Sosial user responsible (recorded in the audit log)')
    .option('--workers <n>', 'worker threads (default: one per core)', (value) => Number.parseInt(value, 10))
    .description(
      'Check structure, find duplicates inside the registry and matches with ministry lists; an interrupted run is resumed',
    )
    .action(async (options: { area: string; as?: string; workers?: number }) => {
      if (!/^[0-9.]*$/.test(options.area)) throw new CliError(`--area ${options.area}: not a region code`);
      await context.withDatabase(async (db) => {
        const { actor, scope } = await resolveCliUser(db, options.as, {
          permission: 'verification.run',
          action: 'run verification',
        });
        // A user of one area verifies inside it: their area by default, never a wider one.
        const areaCode = options.area || scope.areaCode;
        if (!scopeCovers(scope, areaCode))
          throw new CliError(
            `--area ${areaCode || '(all)'}: outside the area of --as ${actor.username} (${scope.areaCode})`,
          );
        const { run, resumed } = await requestVerificationRun({ db, areaCode, actor }).catch(
          (error: Error) => {
            throw error instanceof VerificationBusyError ? new CliError(error.message) : error;
          },
        );
        process.stderr.write(
          resumed
            ? `Resuming interrupted verification run ${run.id} (done: ${run.stagesDone.join(', ') || 'nothing'}).\n`
            : `Verification run ${run.id} started.\n`,
        );
        let progress: ReturnType<typeof createProgress> | undefined;
        let stage = '';
        const started = Date.now();
        await executeVerificationRun({
          db,
          runId: run.id,
          workers: options.workers,
          onProgress: (next) => {
            if (next.stage !== stage) {
              progress?.stop();
              stage = next.stage;
              progress = createProgress(stage, next.total);
            }
            progress?.update(next.done ?? 0, next.total ? 'rows' : '');
          },
        }).catch((error: Error) => {
          progress?.stop();
          throw new CliError(`Verification run ${run.id} failed: ${error.message}`);
        });
        progress?.stop();
        const finished = await findVerificationRun(db, run.id);
        const figures = finished?.figures ?? {};
        process.stdout.write(
          `Verification run ${run.id} completed in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
            Object.entries(figures)
              .filter(([key]) => key.startsWith('persons:') || key.startsWith('pairs:'))
              .map(([key, value]) => `  ${key}: ${value}\n`)
              .join(''),
        );
      });
    });
  verify
    .command('export')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--run <id>', 'a completed run (default: the latest)', (value) => Number.parseInt(value, 10))
    .option('--as <username>', 'the Dinas Sosial user taking the export (recorded in the audit log)')
    .description('One row per registry person: ref, nik, status, reasons, matched_ref, matched_source, score')
    .action(async (options: { out: string; run?: number; as?: string }) => {
      await context.withDatabase(async (db) => {
        const actor = await resolveCliActor(db, options.as);
        const result = await exportVerificationResults({
          db,
          actor,
          filePath: options.out,
          runId: options.run,
        }).catch((error: Error) => {
          throw error instanceof VerificationExportError ? new CliError(error.message) : error;
        });
        process.stdout.write(
          `Wrote ${result.rows} persons of verification run ${result.runId} to ${options.out}.\n`,
        );
      });
    });
}
