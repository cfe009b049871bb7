import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { generateDemoData } from '../demo/generator/generate-demo-data.ts';
import { RegionCoordinates, RegionFileError } from '../demo/generator/region-coordinates.ts';
import { loadRegionCatalog } from '../regions/region-catalog.ts';
import { type CliContext, CliError } from './cli-context.ts';
import { createProgress } from './progress.ts';

export function registerDemoCommand(program: Command, _context: CliContext): void {
  const demo = program
    .command('demo')
    .description('Realistic generated data for demos, tests and benchmarks');
  demo
    .command('generate')
    .requiredOption('--families <n>', 'number of families (at least 1)', wholeNumber('--families', 1))
    .option('--seed <s>', 'random seed: the same seed gives the same files', wholeNumber('--seed', 0), 1)
    .requiredOption('--out <dir>', 'output folder')
    .option('--regions <file>', 'GeoJSON of kelurahan (properties.code, lat, lng; polygons) for coordinates')
    .option(
      '--area <code>',
      'only kelurahan under this region code, e.g. 31.74 (default: all of DKI Jakarta)',
      '31',
    )
    .option('--delimiter <d>', 'CSV delimiter: , or ;', ',')
    .option(
      '--fault-rate <r>',
      'share of intake rows with at least one fault (default 0.08)',
      rate('--fault-rate'),
    )
    .option(
      '--ministry-overlap <r>',
      'share of families with a member in a ministry programme (default 0.1)',
      rate('--ministry-overlap'),
    )
    .option(
      '--ministry-extra <n>',
      'ministry-list persons not in the registry (default half the families)',
      wholeNumber('--ministry-extra', 0),
    )
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
        if (options.delimiter !== ',' && options.delimiter !== ';')
          throw new CliError('--delimiter must be , or ;');
        if (options.regions) await checkRegionsFile(options.regions);
        const outDirectory = path.resolve(options.out);
        await checkOutDirectory(options.out, outDirectory);
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
          outDirectory,
          kelurahanCodes,
          regionsGeoJsonPath: options.regions,
          delimiter: options.delimiter,
          faultRate: options.faultRate,
          ministryOverlapRate: options.ministryOverlap,
          ministryExtraPersons: options.ministryExtra,
          onProgress: (done) => progress.update(done, 'families'),
        }).finally(() => progress.stop());
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

function wholeNumber(option: string, minimum: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(number) || number < minimum)
      throw new CliError(`${option}: "${value}" is not a whole number of at least ${minimum}`);
    if (option === '--seed' && number > 0xffffffff)
      throw new CliError(`--seed: "${value}" is larger than ${0xffffffff}`);
    return number;
  };
}

function rate(option: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1)
      throw new CliError(`${option}: "${value}" is not a share between 0 and 1 (e.g. 0.08)`);
    return number;
  };
}

// The folder is made before the progress bar starts, so a bad path fails at once in one line.
async function checkOutDirectory(given: string, outDirectory: string): Promise<void> {
  if (existsSync(outDirectory) && !statSync(outDirectory).isDirectory())
    throw new CliError(`--out ${given}: a file, not a folder`);
  try {
    await mkdir(outDirectory, { recursive: true });
  } catch (error) {
    throw new CliError(`--out ${given}: cannot create the folder (${(error as NodeJS.ErrnoException).code})`);
  }
}

async function checkRegionsFile(file: string): Promise<void> {
  if (!existsSync(file)) throw new CliError(`--regions ${file}: file not found`);
  try {
    await RegionCoordinates.load(file);
  } catch (error) {
    if (error instanceof RegionFileError) throw new CliError(`--regions ${error.message}`);
    throw error;
  }
}
