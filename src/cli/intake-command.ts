import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { csvCell } from '../intake/csv-cell.ts';
import { listSubmissionRows } from '../intake/intake-repository.ts';
import { formatProblem } from '../intake/problem-messages.ts';
import type { RowProblem } from '../intake/row-problem.ts';
import { type CliContext, CliError } from './cli-context.ts';

export function registerIntakeCommand(program: Command, context: CliContext): void {
  const intake = program.command('intake').description('Submissions and their rows');
  intake
    .command('rows')
    .argument('<submission>', 'submission number')
    .option('--rejected', 'only rejected rows')
    .option('--out <file>', 'write CSV here instead of the terminal')
    .description('List the rows of a submission with their status and reasons, as CSV')
    .action(async (submission: string, options: { rejected?: boolean; out?: string }) => {
      const submissionId = Number(submission);
      if (!Number.isInteger(submissionId)) throw new CliError(`"${submission}" is not a submission number`);
      const output = options.out ? createWriteStream(options.out) : process.stdout;
      await context.withDatabase(async (db) => {
        output.write('row,validation,review,ref,no_kk,nik,nama,reasons\n');
        const pageSize = 5000;
        for (let offset = 0; ; offset += pageSize) {
          const { rows } = await listSubmissionRows(db, {
            submissionId,
            filter: options.rejected ? 'rejected' : 'all',
            limit: pageSize,
            offset,
          });
          for (const row of rows) {
            const raw = row.raw;
            const reasons = (row.problems as RowProblem[])
              .map((problem) => formatProblem(problem, 'en'))
              .join(' | ');
            const cells = [
              row.row_number,
              row.validation,
              row.review,
              raw.ref,
              raw.no_kk,
              raw.nik,
              raw.nama,
              reasons,
            ];
            output.write(`${cells.map((cell) => csvCell(String(cell ?? ''))).join(',')}\n`);
          }
          if (rows.length < pageSize) break;
        }
      });
      if (options.out) {
        output.end();
        await once(output, 'finish');
      }
    });
}
