import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../auth/session-user.ts';
import { copyLine } from '../../db/copy-rows.ts';
import { type DatabaseClient, withRawTransaction } from '../../db/database.ts';
import { hashFile } from '../../intake/hash-file.ts';
import { readIntakeRows, sniffIntakeFile } from '../../intake/read-intake-file.ts';
import { IntakeFileError, type SourceRow } from '../../intake/source-rows.ts';
import { cachedRegionDirectory } from '../../regions/region-directory.ts';
import {
  activateMinistryList,
  copyMinistryPersons,
  findActiveMinistryList,
  insertMinistryList,
} from './ministry-list-repository.ts';
import {
  isRejected,
  MINISTRY_PROGRAMMES,
  type MinistryField,
  type MinistryProgramme,
  type MinistryRowContext,
  resolveMinistryHeader,
  validateMinistryRow,
} from './ministry-row.ts';

/** A list refused whole: nothing of it is stored and the active list of the period stays as it was. */
export class MinistryListError extends Error {}

export interface ImportMinistryListOptions {
  db: DatabaseClient;
  actor: Actor;
  filePath: string;
  fileName: string;
  programme: string;
  period: string;
  referenceDate?: Date;
  onProgress?: (rows: number) => void;
}

export interface ImportMinistryListResult {
  listId: number;
  replacedListId: number | null;
  rows: number;
  accepted: number;
  rejected: number;
}

/** Streams a ministry programme list into its own partition; a list of the same programme and period is replaced. */
export async function importMinistryList(
  options: ImportMinistryListOptions,
): Promise<ImportMinistryListResult> {
  const { db, actor, filePath, fileName, period } = options;
  const programme = options.programme.toUpperCase();
  if (!(MINISTRY_PROGRAMMES as readonly string[]).includes(programme)) {
    throw new MinistryListError(
      `--programme ${options.programme}: expected one of ${MINISTRY_PROGRAMMES.join(', ')}`,
    );
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new MinistryListError(`--period ${period}: expected YYYY-MM`);
  const fileSha256 = await hashFile(filePath);
  try {
    const { format, delimiter } = await sniffIntakeFile(filePath, fileName);
    const regions = await cachedRegionDirectory({ db });
    return await withRawTransaction(db, async ({ client, db: transaction }) => {
      const previous = await findActiveMinistryList(transaction, { programme, period });
      const listId = await insertMinistryList(transaction, {
        programme,
        period,
        fileName,
        fileSha256,
        importedBy: actor.username,
      });
      const tally = { rows: 0, accepted: 0, otherProgramme: new Map<string, number>() };
      await copyMinistryPersons(
        client,
        ministryLines({
          rows: readIntakeRows({ filePath, fileName, format, delimiter }),
          fileName,
          listId,
          tally,
          context: {
            programme: programme as MinistryProgramme,
            period,
            regions,
            referenceDate: options.referenceDate ?? new Date(),
          },
          onProgress: options.onProgress,
        }),
      );
      assertListIsWhatItClaims({ fileName, programme, tally });
      await activateMinistryList(transaction, { listId, replacing: previous?.id });
      await recordAudit({
        db: transaction,
        actor,
        action: 'ministry_list.import',
        entityType: 'ministry_list',
        entityId: String(listId),
        after: {
          programme,
          period,
          fileName,
          fileSha256,
          rows: tally.rows,
          accepted: tally.accepted,
          replaced: previous?.id ?? null,
        },
      });
      return {
        listId,
        replacedListId: previous?.id ?? null,
        rows: tally.rows,
        accepted: tally.accepted,
        rejected: tally.rows - tally.accepted,
      };
    });
  } catch (error) {
    if (error instanceof IntakeFileError) throw new MinistryListError(error.message);
    throw error;
  }
}

interface Tally {
  rows: number;
  accepted: number;
  otherProgramme: Map<string, number>;
}

// A list mostly made of another programme's rows was given the wrong label: refuse it rather than store it under it.
function assertListIsWhatItClaims({
  fileName,
  programme,
  tally,
}: {
  fileName: string;
  programme: string;
  tally: Tally;
}) {
  if (tally.rows === 0) throw new MinistryListError(`${fileName}: the list has no rows`);
  for (const [other, count] of tally.otherProgramme) {
    if (count > tally.rows / 2) {
      throw new MinistryListError(
        `${fileName}: labelled ${programme}, but ${count} of ${tally.rows} rows say programme "${other}"; nothing was stored`,
      );
    }
  }
}

async function* ministryLines({
  rows,
  fileName,
  listId,
  tally,
  context,
  onProgress,
}: {
  rows: AsyncIterable<SourceRow[]>;
  fileName: string;
  listId: number;
  tally: Tally;
  context: Omit<MinistryRowContext, 'columnCount'>;
  onProgress?: (rows: number) => void;
}): AsyncGenerator<string> {
  let columns: (MinistryField | null)[] | undefined;
  let rowContext: MinistryRowContext | undefined;
  let programmeColumn = -1;
  for await (const batch of rows) {
    let lines = '';
    for (const row of batch) {
      if (!columns || !rowContext) {
        const header = resolveMinistryHeader(row.cells);
        if (header.missing.length > 0) {
          throw new MinistryListError(
            `${fileName}, row ${row.rowNumber}: required columns missing: ${header.missing.join(', ')}`,
          );
        }
        columns = header.columns;
        programmeColumn = columns.indexOf('programme');
        rowContext = { ...context, columnCount: row.cells.length };
        continue;
      }
      const { record, problems } = validateMinistryRow(row.cells, columns, rowContext);
      const rejected = isRejected(problems);
      tally.rows++;
      if (!rejected) tally.accepted++;
      const labelled = (row.cells[programmeColumn] ?? '').trim().toUpperCase();
      if (labelled !== context.programme)
        tally.otherProgramme.set(labelled, (tally.otherProgramme.get(labelled) ?? 0) + 1);
      lines += copyLine([
        listId,
        row.rowNumber,
        record.nik,
        record.kkNumber,
        record.fullName,
        record.birthDate,
        record.regionCode,
        record.ref,
        rejected ? 'rejected' : 'accepted',
        problems.length === 0 ? '[]' : JSON.stringify(problems),
        // The original cells are kept only where something was wrong: accepted rows are their typed columns.
        problems.length === 0 ? null : JSON.stringify(row.cells),
      ]);
    }
    if (lines) yield lines;
    onProgress?.(tally.rows);
  }
  if (!columns) throw new MinistryListError(`${fileName}: the file is empty`);
}
