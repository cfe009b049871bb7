import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { type DemoUser, seedDemoUsers } from '../auth/seed-demo-users.ts';
import type { DatabaseClient } from '../db/database.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';
import { importRegionBoundaries } from '../regions/import-region-boundaries.ts';
import { importMinistryList } from '../verification/ministry/import-ministry-list.ts';
import { executeVerificationRun } from '../verification/run/execute-verification-run.ts';
import { requestVerificationRun } from '../verification/run/request-verification-run.ts';
import { submitDemoWaitingList } from './demo-waiting-list.ts';
import { generateDemoData } from './generator/generate-demo-data.ts';

export interface SeedDemoOptions {
  db: DatabaseClient;
  dataDirectory: string;
  regionsFile: string;
  families?: number;
  log: (message: string) => void;
}

const DEMO_KOTA = '31.74';
const DEMO_SEED = 2021;
const DEMO_PERIOD = '2021-07';

/** First-run setup: kelurahan boundaries when the reference file is present, demo families and one user per role. */
export async function seedDemo({
  db,
  dataDirectory,
  regionsFile,
  families = 10_000,
  log,
}: SeedDemoOptions): Promise<DemoUser[]> {
  const kelurahanWithoutCentre = await sql<{ missing: number }>`
    select count(*)::int as missing from region where level = 4 and code like '31.%' and latitude is null`
    .execute(db)
    .then((result) => result.rows[0].missing);
  if (kelurahanWithoutCentre > 0 && existsSync(regionsFile)) {
    const boundaries = await importRegionBoundaries({ db, filePath: regionsFile });
    log(`Kelurahan boundaries: ${boundaries.updated} loaded from ${regionsFile}`);
  }
  const { households } = await sql<{ households: number }>`select count(*)::int as households from household`
    .execute(db)
    .then((result) => result.rows[0]);
  const firstRun = households === 0;
  const outDirectory = path.join(dataDirectory, 'demo');
  if (firstRun) {
    const kelurahanCodes = await sql<{ code: string }>`
      select code from region where level = 4 and code like ${`${DEMO_KOTA}.%`} and not retired order by code`
      .execute(db)
      .then((result) => result.rows.map((row) => row.code));
    log(`Generating ${families} demo families of Kota Jakarta Selatan…`);
    const summary = await generateDemoData({
      families,
      seed: DEMO_SEED,
      period: DEMO_PERIOD,
      outDirectory,
      kelurahanCodes,
      regionsGeoJsonPath: existsSync(regionsFile) ? regionsFile : undefined,
    });
    log(`Importing ${summary.persons} persons…`);
    const result = await submitIntakeFile({
      db,
      actor: { userId: null, username: 'demo' },
      scope: WHOLE_COUNTRY,
      filePath: summary.files.intake,
      fileName: path.basename(summary.files.intake),
      channel: 'cli',
      forwardImmediately: true,
    });
    log(`Demo families in the registry: ${result.arrival?.householdsCreated ?? 0}`);
    await verifyDemo({ db, ministryLists: summary.files.ministryLists, period: DEMO_PERIOD, log });
  }
  const created = await seedDemoUsers({ db });
  if (firstRun) {
    const waiting = await submitDemoWaitingList({ db, outDirectory });
    if (waiting) log(`A list of ${waiting.rows} persons from the RT/RW head waits for the kelurahan review.`);
  }
  const passwordsFile = path.join(dataDirectory, 'demo-users.json');
  const remembered: DemoUser[] = existsSync(passwordsFile)
    ? JSON.parse(await readFile(passwordsFile, 'utf8'))
    : [];
  const all = [
    ...remembered.filter((user) => !created.some((fresh) => fresh.username === user.username)),
    ...created,
  ];
  if (created.length > 0) {
    await mkdir(dataDirectory, { recursive: true });
    // Readable only by the account running the demo: these are live passwords.
    await writeFile(passwordsFile, JSON.stringify(all, null, 2), { mode: 0o600 });
  }
  return all;
}

/** Ministry lists of the demo and a first verification run, so the review queue and statuses have content. */
async function verifyDemo({
  db,
  ministryLists,
  period,
  log,
}: {
  db: DatabaseClient;
  ministryLists: Record<string, string>;
  period: string;
  log: (message: string) => void;
}): Promise<void> {
  const actor = { userId: null, username: 'demo' };
  for (const [programme, filePath] of Object.entries(ministryLists)) {
    const imported = await importMinistryList({
      db,
      actor,
      filePath,
      fileName: path.basename(filePath),
      programme,
      period,
    });
    log(`Ministry list ${programme} ${period}: ${imported.accepted} persons`);
  }
  const { run } = await requestVerificationRun({ db, areaCode: '', actor });
  await executeVerificationRun({ db, runId: run.id });
  log(`Verification run ${run.id} completed.`);
}
