// The verification run on generated families with ground truth: results, idempotence, resumption after kill -9.
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedGeneratedRegistry } from '../../../tests/support/generated-registry.ts';
import { spawnCli } from '../../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../../tests/support/test-database.ts';
import { SYSTEM_ACTOR } from '../../auth/session-user.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { readCsv } from '../../demo/generator/test-support.ts';
import { executeVerificationRun } from './execute-verification-run.ts';
import { exportVerificationResults } from './export-verification-results.ts';
import { requestVerificationRun, VerificationBusyError } from './request-verification-run.ts';
import { findVerificationRun } from './verification-run-repository.ts';

const referenceDate = new Date('2021-07-01T00:00:00Z');
const families = 600;

describe('verification run', () => {
  const fixture = useTestDatabase();
  let personOfRef = new Map<string, string>();
  const db = () => fixture.database.db;

  beforeAll(async () => {
    const outDirectory = path.join(path.dirname(await fixture.writeFile('.keep', '')), 'demo');
    const summary = await seedGeneratedRegistry({
      db: db(),
      directory: outDirectory,
      families,
      seed: 11,
      referenceDate,
    });
    const truth = await readCsv(summary.files.groundTruth);
    personOfRef = new Map(truth.map((row) => [`${row.source}/${row.ref}`, row.person_id]));
  }, 120_000);

  async function runOnce(): Promise<number> {
    const { run } = await requestVerificationRun({ db: db(), areaCode: '', actor: SYSTEM_ACTOR });
    await executeVerificationRun({ db: db(), runId: run.id, workers: 2, referenceDate });
    return run.id;
  }

  let firstRunId = 0;

  it('finds duplicates and ministry matches that the ground truth confirms, with a status for every person', async () => {
    firstRunId = await runOnce();
    const run = await findVerificationRun(db(), firstRunId);
    expect(run).toMatchObject({ status: 'completed', error: null });
    expect(run?.stagesDone).toEqual(
      expect.arrayContaining(['structure', 'model', 'registry_pairs', 'statuses']),
    );
    expect(run?.stagesDone.filter((stage) => stage.startsWith('ministry:'))).toHaveLength(4);

    const matches = await matchedPairs(db(), firstRunId);
    const registry = matches.filter((pair) => pair.kind === 'registry');
    const ministry = matches.filter((pair) => pair.kind === 'ministry');
    expect(registry.length).toBeGreaterThan(5);
    expect(ministry.length).toBeGreaterThan(30);
    const correct = (pairs: typeof matches) =>
      pairs.filter((pair) => {
        const left = personOfRef.get(`intake/${pair.left_ref}`);
        const right = personOfRef.get(`${pair.right_source}/${pair.right_ref}`);
        return left !== undefined && left === right;
      }).length / pairs.length;
    expect(correct(registry)).toBeGreaterThanOrEqual(0.95);
    expect(correct(ministry)).toBeGreaterThanOrEqual(0.95);

    const { rows: counts } = await sql<{ persons: number; results: number; members: number }>`
      select (select count(*)::int from household_member) as members,
        (select count(distinct member_id)::int from verification_person where run_id = ${firstRunId}) as persons,
        (select count(*)::int from verification_person where run_id = ${firstRunId}) as results`.execute(
      db(),
    );
    expect(counts[0].persons).toBe(counts[0].members);
    expect(counts[0].results).toBe(counts[0].members);
    const statuses = await sql<{ status: string; reasons: string[]; matched_source: string | null }>`
      select status, reasons, matched_source from verification_person where run_id = ${firstRunId}`.execute(
      db(),
    );
    const byStatus = new Map<string, number>();
    for (const row of statuses.rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
    expect(byStatus.get('ministry_match')).toBeGreaterThan(20);
    expect(byStatus.get('duplicate')).toBeGreaterThan(5);
    expect(byStatus.get('clear')).toBeGreaterThan(counts[0].members / 2);
    for (const row of statuses.rows.filter((candidate) => candidate.status === 'ministry_match')) {
      expect(row.reasons.some((reason) => reason.startsWith('ministry_match:'))).toBe(true);
      expect(row.matched_source).toMatch(/^(PKH|BPNT|PRAKERJA|BST_KEMENSOS)\/2021-07$/);
    }
  }, 120_000);

  it('learns from a sample of the blocked pairs on a large registry and still matches what the truth confirms', async () => {
    const { run } = await requestVerificationRun({ db: db(), areaCode: '', actor: SYSTEM_ACTOR });
    // 600 families as if they were millions: EM sees about one blocked pair in four.
    await executeVerificationRun({
      db: db(),
      runId: run.id,
      workers: 2,
      referenceDate,
      modelSampleSize: 500,
    });
    const figures = (await findVerificationRun(db(), run.id))?.figures ?? {};
    expect(figures.registrySampleEvery).toBeGreaterThan(2);
    const matches = await matchedPairs(db(), run.id);
    const correct = matches.filter((pair) => {
      const left = personOfRef.get(`intake/${pair.left_ref}`);
      return left !== undefined && left === personOfRef.get(`${pair.right_source}/${pair.right_ref}`);
    }).length;
    expect(matches.length).toBeGreaterThan(30);
    expect(correct / matches.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('exports one CSV row per registry person with the documented columns', async () => {
    // A reference typed as a formula must not run when the file is opened in a spreadsheet.
    await sql`
      update verification_person set ref = '=HYPERLINK("http://x.example")'
      where run_id = ${firstRunId} and member_id = (select min(member_id) from verification_person)`.execute(
      db(),
    );
    const filePath = await fixture.writeFile('verify.csv', '');
    const result = await exportVerificationResults({
      db: db(),
      actor: SYSTEM_ACTOR,
      filePath,
      runId: firstRunId,
    });
    const rows = await readCsv(filePath);
    expect(rows).toHaveLength(result.rows);
    expect(Object.keys(rows[0])).toEqual([
      'ref',
      'nik',
      'status',
      'reasons',
      'matched_ref',
      'matched_source',
      'score',
    ]);
    expect(rows.map((row) => row.ref)).toContain(`'=HYPERLINK("http://x.example")`);
    expect(rows.some((row) => row.ref.startsWith('='))).toBe(false);
    const matched = rows.find((row) => row.status === 'ministry_match');
    expect(matched?.matched_ref).not.toBe('');
    expect(Number(matched?.score)).toBeGreaterThan(0);
  });

  it('gives the same results when run again', async () => {
    const secondRunId = await runOnce();
    expect(await resultsOf(db(), secondRunId)).toEqual(await resultsOf(db(), firstRunId));
  }, 120_000);

  it('refuses a second run while one is alive, and takes over one whose process died', async () => {
    const { run } = await requestVerificationRun({ db: db(), areaCode: '', actor: SYSTEM_ACTOR });
    await expect(
      requestVerificationRun({ db: db(), areaCode: '31.74', actor: SYSTEM_ACTOR }),
    ).rejects.toThrow(VerificationBusyError);
    const taken = await requestVerificationRun({
      db: db(),
      areaCode: '',
      actor: SYSTEM_ACTOR,
      staleSeconds: 0,
    });
    expect(taken).toMatchObject({ resumed: true, run: { id: run.id } });
    await executeVerificationRun({ db: db(), runId: run.id, workers: 1, referenceDate });
    expect(await resultsOf(db(), run.id)).toEqual(await resultsOf(db(), firstRunId));
  }, 120_000);

  it('after kill -9 in the middle, a rerun finishes the work with the results of an uninterrupted run', async () => {
    // A lock held here stops the run when it first writes pairs, after its structure and model stages
    // committed; the run is killed there, whatever the speed of the machine.
    const blocker = new pg.Client({ connectionString: fixture.database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table verification_pair in share mode');
    const child = spawnCli(['verify', 'run', '--workers', '1'], { databaseUrl: fixture.database.url });
    let waitingBackends: number[] = [];
    for (let attempt = 0; attempt < 1200 && waitingBackends.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { rows } = await blocker.query<{ pid: number }>(
        `select pid from pg_locks where not granted and relation = 'verification_pair'::regclass`,
      );
      waitingBackends = rows.map((row) => row.pid);
    }
    const { rows } = await blocker.query<{ id: number }>(
      `select id from verification_run where status = 'running' and 'model' = any(stages_done)`,
    );
    const runId = rows[0]?.id ?? 0;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The dead process's server session would otherwise go on once the lock is released.
    for (const pid of waitingBackends) await blocker.query('select pg_terminate_backend($1)', [pid]);
    await blocker.query('rollback');
    await blocker.end();
    expect(waitingBackends.length).toBeGreaterThan(0);
    expect(runId).toBeGreaterThan(0);
    const interrupted = await findVerificationRun(db(), runId);
    expect(interrupted?.status).toBe('running');
    expect(interrupted?.stagesDone).toEqual(['structure', 'model']);

    const { run, resumed } = await requestVerificationRun({
      db: db(),
      areaCode: '',
      actor: SYSTEM_ACTOR,
      staleSeconds: 0,
    });
    expect(resumed).toBe(true);
    expect(run.id).toBe(runId);
    await executeVerificationRun({ db: db(), runId, workers: 2, referenceDate });
    expect((await findVerificationRun(db(), runId))?.status).toBe('completed');
    expect(await resultsOf(db(), runId)).toEqual(await resultsOf(db(), firstRunId));
  }, 180_000);
});

async function matchedPairs(db: DatabaseClient, runId: number) {
  const { rows } = await sql<{ kind: string; left_ref: string; right_ref: string; right_source: string }>`
    select p.kind, left_member.ref as left_ref,
      coalesce(right_member.ref, p.ministry_ref) as right_ref,
      coalesce(p.ministry_programme, 'intake') as right_source
    from verification_pair p
    join household_member left_member on left_member.id = p.left_member_id
    left join household_member right_member on right_member.id = p.right_member_id
    where p.run_id = ${runId} and p.band = 'match'`.execute(db);
  return rows;
}

/** Pairs and statuses of a run in a comparable form (without the run id). */
async function resultsOf(db: DatabaseClient, runId: number) {
  const pairs = await sql<{ pair_key: string; band: string; weight: number }>`
    select pair_key, band, weight from verification_pair where run_id = ${runId} order by pair_key`.execute(
    db,
  );
  const persons = await sql<{ member_id: number; status: string; reasons: string[]; score: number | null }>`
    select member_id, status, reasons, score from verification_person where run_id = ${runId}
    order by member_id`.execute(db);
  const findings = await sql<{ count: number }>`
    select count(*)::int as count from verification_finding where run_id = ${runId}`.execute(db);
  return { pairs: pairs.rows, persons: persons.rows, findings: findings.rows[0].count };
}
