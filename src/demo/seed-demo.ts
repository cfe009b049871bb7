import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import {
  type DemoUser,
  type DemoUserListing,
  listDemoUsers,
  planDemoUsers,
  seedDemoUsers,
} from '../auth/seed-demo-users.ts';
import type { DatabaseClient } from '../db/database.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';
import { importRegionBoundaries } from '../regions/import-region-boundaries.ts';
import { importMinistryList } from '../verification/ministry/import-ministry-list.ts';
import { executeVerificationRun } from '../verification/run/execute-verification-run.ts';
import { requestVerificationRun } from '../verification/run/request-verification-run.ts';
import {
  claimEmptyDatabaseForDemo,
  countHouseholds,
  countKelurahanWithoutCentre,
  findDemoMarker,
  hasCompletedVerificationRun,
  listKelurahanCodes,
  markDemoFinished,
} from './demo-repository.ts';
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
const DEMO_ACTOR = { userId: null, username: 'demo' };

/**
 * Loads the demo (families, a verification run, one user per role) into a database that holds no family,
 * submission or user, or finishes a demo whose loading was interrupted; returns the demo users to print, none
 * when the database is not the demo's. A database with data of its own is never touched.
 */
export async function seedDemo({
  db,
  dataDirectory,
  regionsFile,
  families = 10_000,
  log,
}: SeedDemoOptions): Promise<DemoUserListing[]> {
  let marker = await findDemoMarker(db);
  if (!marker) {
    if (!(await claimEmptyDatabaseForDemo(db, randomUUID()))) {
      log('The database holds families or users of its own: no demo loaded.');
      return [];
    }
    marker = await findDemoMarker(db);
    if (!marker) throw new Error('The demo marker vanished right after it was written');
  } else if (!marker.finishedAt) {
    log(
      `The demo begun on ${marker.startedAt.toISOString()} was not finished (interrupted?); finishing it now.`,
    );
  }
  const passwordsFile = path.join(dataDirectory, 'demo-users.json');
  await loadDemoBoundaries({ db, regionsFile, log });
  if (!marker.finishedAt) {
    await completeDemo({
      db,
      demoId: marker.demoId,
      dataDirectory,
      passwordsFile,
      regionsFile,
      families,
      log,
    });
    await markDemoFinished(db);
  }
  const remembered = (await readPasswordsFile(passwordsFile))[marker.demoId] ?? [];
  return listDemoUsers({ db, passwords: new Map(remembered.map((user) => [user.username, user.password])) });
}

/** Whether this database holds the demo, and whether its loading was finished. */
export async function findDemoState({
  db,
}: {
  db: DatabaseClient;
}): Promise<'none' | 'unfinished' | 'finished'> {
  const marker = await findDemoMarker(db);
  if (!marker) return 'none';
  return marker.finishedAt ? 'finished' : 'unfinished';
}

/** Kelurahan boundaries when the reference file is present and some kelurahan of DKI still has no centre. */
async function loadDemoBoundaries({
  db,
  regionsFile,
  log,
}: {
  db: DatabaseClient;
  regionsFile: string;
  log: (message: string) => void;
}): Promise<void> {
  if (!existsSync(regionsFile) || (await countKelurahanWithoutCentre(db, '31')) === 0) return;
  const boundaries = await importRegionBoundaries({ db, filePath: regionsFile });
  log(`Kelurahan boundaries: ${boundaries.updated} loaded from ${regionsFile}`);
}

/**
 * Each step is skipped when a previous start finished it (the families arrive in one transaction, a verification
 * run resumes, users are created by name, the waiting list is not submitted twice), so an interrupted demo is
 * finished by the next start.
 */
async function completeDemo({
  db,
  demoId,
  dataDirectory,
  passwordsFile,
  regionsFile,
  families,
  log,
}: {
  db: DatabaseClient;
  demoId: string;
  dataDirectory: string;
  passwordsFile: string;
  regionsFile: string;
  families: number;
  log: (message: string) => void;
}): Promise<void> {
  const outDirectory = path.join(dataDirectory, 'demo');
  const familiesMissing = (await countHouseholds(db)) === 0;
  const verificationMissing = !(await hasCompletedVerificationRun(db));
  if (familiesMissing || verificationMissing) {
    const kelurahanCodes = await listKelurahanCodes(db, DEMO_KOTA);
    log(`Generating ${families} demo families of Kota Jakarta Selatan…`);
    const summary = await generateDemoData({
      families,
      seed: DEMO_SEED,
      period: DEMO_PERIOD,
      outDirectory,
      kelurahanCodes,
      regionsGeoJsonPath: existsSync(regionsFile) ? regionsFile : undefined,
    });
    if (familiesMissing) {
      log(`Importing ${summary.persons} persons…`);
      const result = await submitIntakeFile({
        db,
        actor: DEMO_ACTOR,
        scope: WHOLE_COUNTRY,
        filePath: summary.files.intake,
        fileName: path.basename(summary.files.intake),
        channel: 'cli',
        forwardImmediately: true,
      });
      log(`Demo families in the registry: ${result.arrival?.householdsCreated ?? 0}`);
    }
    await verifyDemo({ db, ministryLists: summary.files.ministryLists, period: DEMO_PERIOD, log });
  }
  // Written before the users are created, so an interruption never leaves a user whose password is lost.
  const stored = await readPasswordsFile(passwordsFile);
  const planned = planDemoUsers(
    new Map((stored[demoId] ?? []).map((user) => [user.username, user.password])),
  );
  await mkdir(dataDirectory, { recursive: true });
  // Readable only by the account running the demo: these are live passwords.
  await writeFile(passwordsFile, JSON.stringify({ ...stored, [demoId]: planned }, null, 2), { mode: 0o600 });
  await seedDemoUsers({ db, passwords: new Map(planned.map((user) => [user.username, user.password])) });
  const waiting = await submitDemoWaitingList({ db, outDirectory });
  if (waiting) log(`A list of ${waiting.rows} persons from the RT/RW head waits for the kelurahan review.`);
}

/** The demo users' passwords by demo id; a file from before demo ids were kept belongs to the 'legacy' demo. */
async function readPasswordsFile(passwordsFile: string): Promise<Record<string, DemoUser[]>> {
  if (!existsSync(passwordsFile)) return {};
  try {
    const content: unknown = JSON.parse(await readFile(passwordsFile, 'utf8'));
    if (Array.isArray(content)) return { legacy: content as DemoUser[] };
    if (content === null || typeof content !== 'object') return {};
    return Object.fromEntries(
      Object.entries(content).filter((entry): entry is [string, DemoUser[]] => Array.isArray(entry[1])),
    );
  } catch {
    // An unreadable file remembers nothing: the users are then listed without passwords.
    return {};
  }
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
  for (const [programme, filePath] of Object.entries(ministryLists)) {
    const imported = await importMinistryList({
      db,
      actor: DEMO_ACTOR,
      filePath,
      fileName: path.basename(filePath),
      programme,
      period,
    });
    log(`Ministry list ${programme} ${period}: ${imported.accepted} persons`);
  }
  // Only this start loads the demo, so a run left unfinished by an interrupted start is taken over at once.
  const { run } = await requestVerificationRun({ db, areaCode: '', actor: DEMO_ACTOR, staleSeconds: 0 });
  await executeVerificationRun({ db, runId: run.id });
  log(`Verification run ${run.id} completed.`);
}
