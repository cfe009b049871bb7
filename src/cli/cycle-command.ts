import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { normalizeUsername, toSessionUser } from '../auth/user-mapping.ts';
import { findUserByUsername } from '../auth/user-repository.ts';
import type { DatabaseClient } from '../db/database.ts';
import { createCycle } from '../eligibility/create-cycle.ts';
import {
  findCurrentDetermination,
  findCycleByPeriod,
  findProgramme,
} from '../eligibility/eligibility-repository.ts';
import { exportAnnex } from '../eligibility/export-annex.ts';
import { prepareDeterminations } from '../eligibility/prepare-determination.ts';
import { reasonLabel } from '../eligibility/reason-text.ts';
import { signDetermination } from '../eligibility/sign-determination.ts';
import { viewDetermination } from '../eligibility/view-determination.ts';
import { HttpError } from '../http/http-error.ts';
import { type CliContext, CliError } from './cli-context.ts';

interface CycleOptions {
  programme: string;
  period: string;
  kota: string;
  user: string;
  months?: string;
}

/** `tepat cycle prepare|sign|show|export`: the same services as the web UI, acting as a named user. */
export function registerCycleCommand(program: Command, context: CliContext): void {
  const cycle = program
    .command('cycle')
    .description('Payment cycles and their signed recipient lists (penetapan)');
  const common = (command: Command) =>
    command
      .option('--programme <code>', 'programme code', 'BST-PROV')
      .requiredOption('--period <YYYY-MM>', 'first month the cycle pays, e.g. 2021-07')
      .requiredOption(
        '--kota <code>',
        'kota code, e.g. 31.74 (prepare: all for every kota in your area, in one pass)',
      )
      .requiredOption('--user <username>', 'the user acting (a verifier prepares, an approver signs)');

  common(cycle.command('prepare'))
    .description('Decide every family of the kota for the cycle (opening the cycle when needed)')
    .option('--months <n>', '2 for a combined cycle paying two months at once', '1')
    .action(async (options: CycleOptions) => {
      const result = await context
        .withDatabase(async (db) => {
          const user = await actingUser(db, options.user);
          const found = await findCycleForOptions(db, options, false);
          const cycleId =
            found?.id ??
            (
              await createCycle({
                db,
                user,
                programmeCode: options.programme,
                period: options.period,
                months: Number(options.months ?? 1),
              })
            ).id;
          return prepareDeterminations({
            db,
            user,
            cycleId,
            kotaCodes: options.kota === 'all' ? 'all' : [options.kota],
          });
        })
        .catch(rethrowForCli);
      for (const list of result) {
        process.stdout.write(
          `Prepared list ${list.determinationId} of kota ${list.kotaCode}: ` +
            `${list.familyCount} families, ${list.byDecision.eligible ?? 0} eligible, ` +
            `${list.byDecision.excluded ?? 0} excluded, ${list.byDecision.pending ?? 0} pending; ` +
            `total Rp${list.totalAmount.toLocaleString('id-ID')}\n`,
        );
        printReasons(list.byReason);
      }
    });

  common(cycle.command('sign'))
    .description('Sign the prepared list of the kota (not by the person who prepared it)')
    .action(async (options: CycleOptions) => {
      const signed = await context
        .withDatabase(async (db) => {
          const user = await actingUser(db, options.user);
          const determination = await currentDetermination(db, options);
          return signDetermination({ db, user, determinationId: determination.id });
        })
        .catch(rethrowForCli);
      process.stdout.write(`Signed list ${signed.determinationId}; it is now frozen\n`);
    });

  common(cycle.command('show'))
    .description('Counts by decision, reason and kelurahan of the current list of the kota')
    .action(async (options: CycleOptions) => {
      const view = await context
        .withDatabase(async (db) => {
          const user = await actingUser(db, options.user);
          const determination = await currentDetermination(db, options);
          return viewDetermination({ db, user, determinationId: determination.id });
        })
        .catch(rethrowForCli);
      const { determination } = view;
      process.stdout.write(
        `List ${determination.id} (${determination.status}), kota ${determination.kotaCode}: ${determination.familyCount} families, ` +
          `${determination.eligibleCount} eligible, Rp${determination.totalAmount.toLocaleString('id-ID')}\n`,
      );
      printReasons(determination.summary.byReason ?? []);
      process.stdout.write('kelurahan\teligible\texcluded\tpending\tamount\n');
      for (const row of view.kelurahan)
        process.stdout.write(
          `${row.kelurahanCode} ${row.kelurahanName ?? ''}\t${row.eligible}\t${row.excluded}\t${row.pending}\t${row.amount}\n`,
        );
      if (view.changesSincePrevious)
        process.stdout.write(
          `Changes since the last cycle: ${JSON.stringify(view.changesSincePrevious.counts)}\n`,
        );
    });

  common(cycle.command('export'))
    .description('Write the annex (eligible families per kelurahan with totals) as XLSX or PDF')
    .option('--kelurahan <code>', 'one kelurahan only')
    .option('--format <format>', 'xlsx or pdf', 'xlsx')
    .requiredOption('--out <file>', 'file to write')
    .action(async (options: CycleOptions & { kelurahan?: string; format: string; out: string }) => {
      if (options.format !== 'xlsx' && options.format !== 'pdf')
        throw new CliError('--format must be xlsx or pdf');
      const annex = await context
        .withDatabase(async (db) => {
          const user = await actingUser(db, options.user);
          const determination = await currentDetermination(db, options);
          return exportAnnex({
            db,
            user,
            determinationId: determination.id,
            kelurahanCode: options.kelurahan,
            format: options.format as 'xlsx' | 'pdf',
          });
        })
        .catch(rethrowForCli);
      await writeFile(options.out, annex.content);
      process.stdout.write(`Wrote ${options.out}\n`);
    });
}

function printReasons(byReason: { decision: string; code: string; count: number }[]) {
  for (const reason of byReason)
    process.stdout.write(`  ${reason.decision}\t${reason.count}\t${reasonLabel(reason.code, 'en')}\n`);
}

async function actingUser(db: DatabaseClient, username: string) {
  const row = await findUserByUsername(db, normalizeUsername(username));
  if (!row?.active) throw new CliError(`No active user ${username}`);
  return toSessionUser(row);
}

async function findCycleForOptions(db: DatabaseClient, options: CycleOptions, required: boolean) {
  const programme = await findProgramme(db, { code: options.programme });
  if (!programme) throw new CliError(`No programme ${options.programme}`);
  const found = await findCycleByPeriod(db, { programmeId: programme.id, period: options.period });
  if (!found && required) throw new CliError(`${programme.code} has no cycle starting ${options.period}`);
  return found;
}

async function currentDetermination(db: DatabaseClient, options: CycleOptions) {
  const found = await findCycleForOptions(db, options, true);
  const determination =
    found && (await findCurrentDetermination(db, { cycleId: found.id, kotaCode: options.kota }));
  if (!determination)
    throw new CliError(`No list of kota ${options.kota} for ${options.period}; prepare it first`);
  return determination;
}

// Services speak HTTP errors; on the command line only their message matters.
function rethrowForCli(error: unknown): never {
  if (error instanceof HttpError) throw new CliError(error.message);
  throw error;
}
