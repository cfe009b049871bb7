import { recordAudit } from '../audit/record-audit.ts';
import { type AreaScope, WHOLE_COUNTRY } from '../auth/area-scope.ts';
import type { Actor } from '../auth/session-user.ts';
import { copyLine } from '../db/copy-rows.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { badRequest } from '../http/http-error.ts';
import { hashFile } from '../intake/hash-file.ts';
import { readIntakeRows, sniffIntakeFile } from '../intake/read-intake-file.ts';
import { IntakeFileError, type SourceRow } from '../intake/source-rows.ts';
import {
  copyDeathReportRows,
  type DeathCandidate,
  type DeathReportSummary,
  findDeathCandidates,
  findDeathReport,
  findDeathReportByFile,
  insertDeathReport,
  type RecordedDeath,
  recordDeaths,
  settleDeathReportRows,
} from './death-report-repository.ts';
import {
  type DeathReportField,
  namesAgree,
  resolveDeathReportHeader,
  validateDeathReportRow,
} from './death-report-row.ts';

/** A list refused whole (not a list of deaths, or no rows): nothing of it is stored. */
class DeathReportFileError extends Error {}

export interface ImportDeathReportResult {
  /** The earlier report of the same file, when it came before: nothing changed. */
  duplicateOf: number | null;
  report: DeathReportSummary;
}

/**
 * Records the deaths of a civil-registry list on the registry members its NIKs name, when the names agree. Every
 * row is kept with what became of it; a member already recorded deceased is left as recorded.
 */
export async function importDeathReport({
  db,
  actor,
  filePath,
  fileName,
  source = `Dukcapil: ${fileName}`,
  referenceDate = new Date(),
  scope = WHOLE_COUNTRY,
}: {
  db: DatabaseClient;
  actor: Actor;
  /** Members outside it are not touched: their rows read as having no member of that NIK. */
  scope?: AreaScope;
  filePath: string;
  fileName: string;
  /** Written on each member as where the death was learnt. */
  source?: string;
  referenceDate?: Date;
}): Promise<ImportDeathReportResult> {
  const fileSha256 = await hashFile(filePath);
  // The same list again changes nothing for the same area; another area's importer may still record its part.
  const earlier = await findDeathReportByFile(db, fileSha256, scope.areaCode);
  if (earlier) return { duplicateOf: earlier.id, report: await findDeathReport(db, earlier.id) };
  try {
    const { format, delimiter } = await sniffIntakeFile(filePath, fileName);
    const reportId = await withRawTransaction(db, async ({ client, db: transaction }) => {
      const id = await insertDeathReport(transaction, {
        fileName,
        fileSha256,
        source,
        areaCode: scope.areaCode,
        importedBy: actor.username,
      });
      await copyDeathReportRows(
        client,
        deathReportLines({
          rows: readIntakeRows({ filePath, fileName, format, delimiter }),
          fileName,
          reportId: id,
          referenceDate,
        }),
      );
      const { deaths, outcomes } = decideDeaths(await findDeathCandidates(transaction, id, scope));
      const reason = `deaths list ${fileName}`;
      await recordDeaths(transaction, { deaths, source, reason, userId: actor.userId });
      await settleDeathReportRows(transaction, id, outcomes);
      const report = await findDeathReport(transaction, id);
      await recordAudit({
        db: transaction,
        actor,
        action: 'death_report.import',
        entityType: 'death_report',
        entityId: id,
        areaCode: scope.areaCode || null,
        after: { fileName, fileSha256, source, ...report },
      });
      return id;
    });
    return { duplicateOf: null, report: await findDeathReport(db, reportId) };
  } catch (error) {
    if (error instanceof IntakeFileError || error instanceof DeathReportFileError)
      throw badRequest('death_report_file', error.message);
    throw error;
  }
}

/** Per row: the members whose names agree are recorded deceased (unless already, or born after the date). */
export function decideDeaths(candidates: DeathCandidate[]): {
  deaths: RecordedDeath[];
  outcomes: { rowNumber: number; outcome: string; memberIds: number[] }[];
} {
  const byRow = new Map<number, DeathCandidate[]>();
  for (const candidate of candidates) {
    const list = byRow.get(candidate.row_number) ?? [];
    list.push(candidate);
    byRow.set(candidate.row_number, list);
  }
  const deaths: RecordedDeath[] = [];
  const outcomes: { rowNumber: number; outcome: string; memberIds: number[] }[] = [];
  for (const [rowNumber, members] of byRow) {
    const named = members.filter((member) => namesAgree(member.listed_name, member.member_name));
    if (named.length === 0) {
      outcomes.push({
        rowNumber,
        outcome: 'name_mismatch',
        memberIds: members.map((member) => member.member_id),
      });
      continue;
    }
    const possible = named.filter(
      (member) => member.birth_date === null || member.birth_date <= member.death_date,
    );
    if (possible.length === 0) {
      outcomes.push({
        rowNumber,
        outcome: 'before_birth',
        memberIds: named.map((member) => member.member_id),
      });
      continue;
    }
    const alive = possible.filter((member) => member.life_status !== 'deceased');
    for (const member of alive)
      deaths.push({
        kkNumber: member.kk_number,
        householdId: member.household_id,
        memberId: member.member_id,
        rowNumber,
        deathDate: member.death_date,
      });
    outcomes.push({
      rowNumber,
      outcome: alive.length > 0 ? 'recorded' : 'already_recorded',
      memberIds: possible.map((member) => member.member_id),
    });
  }
  return { deaths, outcomes };
}

async function* deathReportLines({
  rows,
  fileName,
  reportId,
  referenceDate,
}: {
  rows: AsyncIterable<SourceRow[]>;
  fileName: string;
  reportId: number;
  referenceDate: Date;
}): AsyncGenerator<string> {
  let columns: (DeathReportField | null)[] | undefined;
  let rowCount = 0;
  for await (const batch of rows) {
    let lines = '';
    for (const row of batch) {
      if (!columns) {
        const header = resolveDeathReportHeader(row.cells);
        if (header.missing.length > 0)
          throw new DeathReportFileError(
            `${fileName}, row ${row.rowNumber}: required columns missing: ${header.missing.join(', ')} (expected nik, nama, tanggal_meninggal, ref)`,
          );
        columns = header.columns;
        continue;
      }
      const { record, problems } = validateDeathReportRow(row.cells, columns, referenceDate);
      rowCount++;
      lines += copyLine([
        reportId,
        row.rowNumber,
        record.nik,
        record.fullName,
        record.deathDate,
        record.ref,
        problems.length > 0 ? 'rejected' : 'pending',
        JSON.stringify(problems),
        problems.length > 0 ? JSON.stringify(row.cells) : null,
      ]);
    }
    if (lines) yield lines;
  }
  if (!columns || rowCount === 0) throw new DeathReportFileError(`${fileName}: the list has no rows`);
}
