import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import {
  RegionFileError,
  readRegionBoundaries,
  type SkippedFeature,
  storeRegionBoundaries,
  summariseSkippedFeatures,
} from '../regions/import-region-boundaries.ts';
import { importRegionCatalog } from '../regions/import-region-catalog.ts';
import { retireRegion } from '../regions/retire-region.ts';
import { type CliContext, CliError } from './cli-context.ts';

export function registerRegionsCommand(program: Command, context: CliContext): void {
  const regions = program
    .command('regions')
    .description('Provinces, kota/kabupaten, kecamatan and kelurahan');
  regions
    .command('import')
    .argument('[file]', 'GeoJSON FeatureCollection with properties.code, lat, lng and the boundary geometry')
    .description('Load all Kemendagri regions, then boundaries and centroids from a GeoJSON file when given')
    .action(async (file?: string) => {
      if (file && !existsSync(file)) throw new CliError(`${file}: file not found`);
      // Read and checked before the catalog is reloaded: a broken file, or one with nothing usable, changes nothing.
      const boundaries = file ? await readBoundariesFile(file) : undefined;
      if (file && boundaries && boundaries.accepted.length === 0) {
        printSkipped(boundaries);
        throw noBoundariesImported(file, boundaries.features);
      }
      await context.withDatabase(async (db) => {
        const { regions: count } = await importRegionCatalog({ db });
        process.stdout.write(`Regions: ${count} loaded from idn-area-data.\n`);
        if (!file || !boundaries) return;
        const result = await storeRegionBoundaries({ db, boundaries });
        process.stdout.write(`Boundaries: ${result.updated} regions updated from ${file}.\n`);
        printSkipped(result);
        if (result.updated === 0) throw noBoundariesImported(file, result.features);
      });
    });
  regions
    .command('retire')
    .argument('<code>', 'the retired kecamatan code, e.g. 31.72.07')
    .requiredOption('--successors <codes>', 'comma-separated codes of the regions it was split into')
    .requiredOption('--name <name>', 'the retired region name')
    .option('--note <note>', 'source of the information', '')
    .description(
      'Record a kecamatan code retired by a split; NIKs carrying it then get a warning, not an error',
    )
    .action(async (code: string, options: { successors: string; name: string; note: string }) => {
      await context.withDatabase(async (db) => {
        const successorCodes = options.successors.split(',').map((value) => value.trim());
        await retireRegion({
          db,
          actor: SYSTEM_ACTOR,
          code,
          name: options.name,
          successorCodes,
          note: options.note,
        });
        process.stdout.write(
          `Region ${code} recorded as retired (successors ${successorCodes.join(', ')}).\n`,
        );
      });
    });
}

async function readBoundariesFile(file: string) {
  try {
    return await readRegionBoundaries({ filePath: file });
  } catch (error) {
    if (error instanceof RegionFileError) throw new CliError(error.message);
    throw error;
  }
}

function printSkipped({ features, skipped }: { features: number; skipped: SkippedFeature[] }): void {
  if (skipped.length === 0) return;
  process.stdout.write(`Skipped ${skipped.length} of ${features} features:\n`);
  for (const group of summariseSkippedFeatures(skipped))
    process.stdout.write(
      `  ${String(group.count).padStart(6)} ${group.reason} (${group.examples.join('; ')})\n`,
    );
}

function noBoundariesImported(file: string, features: number): CliError {
  const why = features === 0 ? 'the file has no features' : `all ${features} features skipped`;
  return new CliError(`${file}: no boundaries imported (${why})`);
}
