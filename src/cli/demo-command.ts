import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { generateDemoData } from '../demo/generator/generate-demo-data.ts';
import { loadRegionCatalog } from '../regions/region-catalog.ts';
import { type CliContext, CliError } from './cli-context.ts';
import { createProgress } from './progress.ts';

export function registerDemoCommand(program: Command, _context: CliContext): void {
  const demo = program
    .command('demo')
    .description('Realistic generated data for demos, tests and benchmarks');
  demo
    .command('generate')
    .requiredOption('--families <n>', 'number of families', parsePositiveInteger)
    .option('--seed <s>', 'random seed: the same seed gives the same files', parsePositiveInteger, 1)
    .requiredOption('--out <dir>', 'output folder')
    .option('--regions <file>', 'GeoJSON of kelurahan (properties.code, lat, lng) for coordinates')
    .option(
      '--area <code>',
      'only kelurahan under this region code, e.g. 31.74 (default: all of DKI Jakarta)',
      '31',
    )
    .option('--delimiter <d>', 'CSV delimiter: , or ;', ',')
    .option('--fault-rate <r>', 'share of rows with at least one fault', Number.parseFloat)
    .option(
      '--ministry-overlap <r>',
      'share of families with a member in a ministry programme',
      Number.parseFloat,
    )
    .option('--ministry-extra <n>', 'ministry-list persons not in the registry', parsePositiveInteger)
    .description('Write intake, ministry programme lists and ground truth for N generated Jakarta families')
    .action(
      async (options: {
        families: number;
        seed: number;
        out: string;
        regions?: string;
        area: string;
        delimiter: string;
        faultRate?: number;
        ministryOverlap?: number;
        ministryExtra?: number;
      }) => {
        if (options.regions && !existsSync(options.regions))
          throw new CliError(`--regions ${options.regions}: file not found`);
        if (options.delimiter !== ',' && options.delimiter !== ';')
          throw new CliError('--delimiter must be , or ;');
        const catalog = await loadRegionCatalog();
        const kelurahanCodes = catalog.villages
          .map((village) => village.code)
          .filter((code) => code === options.area || code.startsWith(`${options.area}.`));
        if (kelurahanCodes.length === 0)
          throw new CliError(`--area ${options.area}: no kelurahan under that code`);
        const progress = createProgress('Generating families', options.families);
        const started = Date.now();
        const summary = await generateDemoData({
          families: options.families,
          seed: options.seed,
          outDirectory: path.resolve(options.out),
          kelurahanCodes,
          regionsGeoJsonPath: options.regions,
          delimiter: options.delimiter,
          faultRate: options.faultRate,
          ministryOverlapRate: options.ministryOverlap,
          ministryExtraPersons: options.ministryExtra,
          onProgress: (done) => progress.update(done, 'families'),
        });
        progress.stop();
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(
          `${summary.families} families, ${summary.persons} persons in ${seconds.toFixed(1)} s\n` +
            `  intake:       ${summary.files.intake}\n` +
            Object.entries(summary.files.ministryLists)
              .map(([programme, file]) => `  ${programme.padEnd(13)} ${file}\n`)
              .join('') +
            `  deaths:       ${summary.files.deaths}\n` +
            `  ground truth: ${summary.files.groundTruth}\n` +
            `  programmes:   ${summary.files.programmeFamilies}\n` +
            (summary.files.locations ? `  locations:    ${summary.files.locations}\n` : ''),
        );
      },
    );
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new CliError(`"${value}" is not a whole number`);
  return number;
}
