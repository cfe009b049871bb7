// A registry of generated Jakarta families with the generator's ministry lists, for verification tests.
import path from 'node:path';
import { WHOLE_COUNTRY } from '../../src/auth/area-scope.ts';
import { SYSTEM_ACTOR } from '../../src/auth/session-user.ts';
import type { DatabaseClient } from '../../src/db/database.ts';
import {
  type GenerateDemoDataSummary,
  generateDemoData,
} from '../../src/demo/generator/generate-demo-data.ts';
import { submitIntakeFile } from '../../src/intake/submit-intake-file.ts';
import { importMinistryList } from '../../src/verification/ministry/import-ministry-list.ts';

/** Generates families of Jakarta Selatan, brings them into the registry and imports the 2021-07 lists. */
export async function seedGeneratedRegistry({
  db,
  directory,
  families,
  seed,
  referenceDate,
}: {
  db: DatabaseClient;
  directory: string;
  families: number;
  seed: number;
  referenceDate: Date;
}): Promise<GenerateDemoDataSummary> {
  const summary = await generateDemoData({
    families,
    seed,
    outDirectory: directory,
    kelurahanCodes: ['31.74.'],
  });
  await submitIntakeFile({
    db,
    actor: SYSTEM_ACTOR,
    scope: WHOLE_COUNTRY,
    filePath: summary.files.intake,
    fileName: 'intake.csv',
    channel: 'cli',
    forwardImmediately: true,
    referenceDate,
  });
  for (const [programme, filePath] of Object.entries(summary.files.ministryLists)) {
    await importMinistryList({
      db,
      actor: SYSTEM_ACTOR,
      filePath,
      fileName: path.basename(filePath),
      programme,
      period: '2021-07',
      referenceDate,
    });
  }
  return summary;
}
