import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { type AreaScope, WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { hasPermission, type Permission } from '../auth/roles.ts';
import { type Actor, actorOf } from '../auth/session-user.ts';
import { toSessionUser } from '../auth/user-mapping.ts';
import { findUserByUsername } from '../auth/user-repository.ts';
import { scopeOf } from '../auth/user-scope.ts';
import type { DatabaseClient } from '../db/database.ts';
import { countProblemsByCode, findSubmission } from '../intake/intake-repository.ts';
import { formatProblem } from '../intake/problem-messages.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';
import { importDeathReport } from '../registry/import-death-report.ts';
import { importMinistryList, MinistryListError } from '../verification/ministry/import-ministry-list.ts';
import { countMinistryProblems } from '../verification/ministry/ministry-list-repository.ts';
import { describeMinistryProblem, MINISTRY_PROGRAMMES } from '../verification/ministry/ministry-row.ts';
import { type CliContext, CliError } from './cli-context.ts';
import { createProgress } from './progress.ts';

const BRINGING_FAMILIES = 'Bringing families into the registry…';
// What submitIntakeFile does after each of its phases, told as the phase before it ends.
const NEXT_PHASE: Record<string, string> = {
  read_validate_copy: 'Checking families…',
  family_checks: BRINGING_FAMILIES,
  registry_arrival: 'Counting rows…',
};

export function registerImportCommand(program: Command, context: CliContext): void {
  const importCommand = program.command('import').description('Bulk imports by the Dinas Sosial data team');
  importCommand
    .command('households')
    .argument('<file>', 'intake file (CSV with , or ;, UTF-8, or XLSX), one row per person')
    .option(
      '--as <username>',
      "the Dinas Sosial user responsible for the import (a role with intake.import, recorded in the audit log); rows outside that user's area are rejected",
    )
    .option('--review', 'leave accepted rows pending kelurahan review instead of adding them to the registry')
    .description('Validate and store every row of an intake file; accepted families reach the registry')
    .action(async (file: string, options: { as?: string; review?: boolean }) => {
      if (!existsSync(file)) throw new CliError(`${file}: file not found`);
      await context.withDatabase(async (db) => {
        const { actor, scope } = await resolveCliUser(db, options.as, {
          permission: 'intake.import',
          action: 'import households',
        });
        const progress = createProgress('Reading rows');
        const started = Date.now();
        const result = await submitIntakeFile({
          db,
          actor,
          scope,
          filePath: file,
          fileName: path.basename(file),
          channel: 'cli',
          forwardImmediately: !options.review,
          onProgress: (rows) => progress.update(rows, 'rows'),
          onPhase: (finished) => {
            const next = NEXT_PHASE[finished];
            if (next && (next !== BRINGING_FAMILIES || !options.review)) progress.phase(next);
          },
        });
        progress.stop();
        if (result.fileError)
          throw new CliError(`${result.fileError} (submission ${result.submissionId}; nothing was stored)`);
        if (result.duplicateOf !== null) {
          process.stdout.write(
            `This file was already imported as submission ${result.duplicateOf}; nothing changed.\n`,
          );
          return;
        }
        await printSummary(db, result.submissionId, (Date.now() - started) / 1000);
        if (result.arrival) {
          const arrival = result.arrival;
          process.stdout.write(
            `Registry: ${arrival.householdsCreated} families and ${arrival.membersCreated} members added; ` +
              `${arrival.householdsChanged} families and ${arrival.membersChanged} members changed (${arrival.fieldChanges} recorded changes).\n`,
          );
        }
      });
    });
  registerMinistryListImport(importCommand, context);
  registerDeathListImport(importCommand, context);
}

function registerDeathListImport(importCommand: Command, context: CliContext): void {
  importCommand
    .command('deaths')
    .argument('<file>', 'civil-registry list of deaths (CSV or XLSX): nik, nama, tanggal_meninggal, ref')
    .option(
      '--source <text>',
      'where the deaths were learnt, written on each member (default: Dukcapil: FILE)',
    )
    .option('--as <username>', 'the Dinas Sosial user responsible for the import')
    .description(
      'Record the deaths of a Dukcapil list on the registry members its NIKs name, when the names agree',
    )
    .action(async (file: string, options: { source?: string; as?: string }) => {
      if (!existsSync(file)) throw new CliError(`${file}: file not found`);
      await context.withDatabase(async (db) => {
        // Recording a death is an edit of the registry, as Meninggal on a family's page is.
        const { actor, scope } = await resolveCliUser(db, options.as, {
          permission: 'registry.edit',
          action: 'record deaths in the registry',
        });
        const { duplicateOf, report } = await importDeathReport({
          db,
          actor,
          scope,
          filePath: file,
          fileName: path.basename(file),
          source: options.source,
        });
        if (duplicateOf !== null) {
          process.stdout.write(
            `This file was imported before as deaths list ${duplicateOf}; nothing changed.\n`,
          );
          return;
        }
        process.stdout.write(
          `Deaths list ${report.id}: ${report.row_count} rows: ${report.recorded_count} recorded on registry members, ` +
            `${report.already_recorded_count} already recorded, ${report.not_found_count} with no member of that NIK, ` +
            `${report.name_mismatch_count} whose name or dates do not agree (left for a verifier), ` +
            `${report.rejected_count} rejected.\n`,
        );
      });
    });
}

function registerMinistryListImport(importCommand: Command, context: CliContext): void {
  importCommand
    .command('ministry-list')
    .argument(
      '<file>',
      'ministry programme list (CSV): nik, no_kk, nama, tanggal_lahir, kode_wilayah, program, periode, ref',
    )
    .requiredOption('--programme <programme>', `one of ${MINISTRY_PROGRAMMES.join(', ')}`)
    .requiredOption('--period <period>', 'YYYY-MM')
    .option('--as <username>', 'the Dinas Sosial user responsible for the import')
    .description('Load a Kemensos programme list; a list of the same programme and period is replaced')
    .action(async (file: string, options: { programme: string; period: string; as?: string }) => {
      if (!existsSync(file)) throw new CliError(`${file}: file not found`);
      await context.withDatabase(async (db) => {
        // A ministry list is matched by the verification run, and replaces the province's list of that period.
        const { actor } = await resolveCliUser(db, options.as, {
          permission: 'verification.run',
          action: 'import ministry lists',
        });
        const progress = createProgress('Reading rows');
        const started = Date.now();
        try {
          const result = await importMinistryList({
            db,
            actor,
            filePath: file,
            fileName: path.basename(file),
            programme: options.programme,
            period: options.period,
            onProgress: (rows) => progress.update(rows, 'rows'),
          });
          progress.stop();
          const seconds = (Date.now() - started) / 1000;
          process.stdout.write(
            `List ${result.listId} (${options.programme.toUpperCase()} ${options.period}): ${result.rows} rows in ${seconds.toFixed(1)} s, ` +
              `${result.accepted} kept for matching, ${result.rejected} rejected` +
              `${result.replacedListId ? `; replaces list ${result.replacedListId}` : ''}.\n`,
          );
          for (const problem of (await countMinistryProblems(db, result.listId)).slice(0, 10)) {
            process.stdout.write(
              `  ${String(problem.count).padStart(8)}  ${describeMinistryProblem(problem)}\n`,
            );
          }
        } catch (error) {
          progress.stop();
          if (error instanceof MinistryListError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}

/** What the user named by --as must be allowed to do for a command, e.g. intake.import to 'import households'. */
export interface CliRequirement {
  permission: Permission;
  action: string;
}

/**
 * Who runs an import and in which area: without --as the data team's command line, the whole country; with
 * --as, an active user whose role may do it, within that user's area (rows outside are rejected, as uploads are).
 */
export async function resolveCliUser(
  db: DatabaseClient,
  username: string | undefined,
  requirement?: CliRequirement,
): Promise<{ actor: Actor; scope: AreaScope }> {
  if (!username)
    return { actor: { userId: null, username: `cli:${os.userInfo().username}` }, scope: WHOLE_COUNTRY };
  const row = await findUserByUsername(db, username);
  if (!row?.active) throw new CliError(`--as ${username}: no active user with that name`);
  const user = toSessionUser(row);
  if (requirement && !hasPermission(user.role, requirement.permission)) {
    throw new CliError(
      `--as ${user.username}: the role ${user.role} may not ${requirement.action} (it needs ${requirement.permission})`,
    );
  }
  return { actor: actorOf(user), scope: scopeOf(user) };
}

/** The actor of --as (or the command line's own) when no permission or area applies. */
export async function resolveCliActor(db: DatabaseClient, username: string | undefined): Promise<Actor> {
  return (await resolveCliUser(db, username)).actor;
}

async function printSummary(db: DatabaseClient, submissionId: number, seconds: number): Promise<void> {
  const submission = await findSubmission(db, submissionId);
  if (!submission) return;
  process.stdout.write(
    `Submission ${submissionId}: ${submission.row_count} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(submission.row_count / Math.max(seconds, 0.001))} rows/s): ` +
      `${submission.accepted_count} accepted (${submission.warning_count} with warnings), ${submission.rejected_count} rejected.\n`,
  );
  const problems = await countProblemsByCode(db, submissionId);
  for (const problem of problems.slice(0, 15)) {
    // Counts group many rows, so the per-row values in the message are left out.
    const example = formatProblem(
      { field: problem.field as never, code: problem.code, severity: problem.severity as never },
      'en',
    )
      .replace(/\s*\(\?\)/g, '')
      .replaceAll('?', '…');
    process.stdout.write(
      `  ${String(problem.count).padStart(8)}  ${problem.severity.padEnd(7)} ${example}\n`,
    );
  }
  if (submission.rejected_count > 0) {
    process.stdout.write(
      `Rejected rows are kept with their reasons: tepat intake rows ${submissionId} --rejected\n`,
    );
  }
}
