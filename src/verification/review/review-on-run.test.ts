// The review queue on the results of a real verification run over generated families and ministry lists.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGeneratedRegistry } from '../../../tests/support/generated-registry.ts';
import { createUserAndLogin, type SignedInUser } from '../../../tests/support/http-session.ts';
import { useTestDatabase } from '../../../tests/support/test-database.ts';
import { SYSTEM_ACTOR } from '../../auth/session-user.ts';
import { type App, buildServer } from '../../http/build-server.ts';
import { executeVerificationRun } from '../run/execute-verification-run.ts';
import { requestVerificationRun } from '../run/request-verification-run.ts';

const referenceDate = new Date('2021-07-01T00:00:00Z');

interface QueueItem {
  pairKey: string;
  runId: number;
  kind: 'registry' | 'ministry';
  weight: number;
  probability: number;
}

describe('review queue on a real run', () => {
  const fixture = useTestDatabase();
  let app: App;
  let verifier: SignedInUser;
  let runId: number;

  beforeAll(async () => {
    const db = fixture.database.db;
    const outDirectory = path.join(path.dirname(await fixture.writeFile('.keep', '')), 'demo');
    await seedGeneratedRegistry({ db, directory: outDirectory, families: 600, seed: 23, referenceDate });
    // A wide review band (as an administrator may set), so both kinds of pair reach the queue whatever the seed.
    await db
      .insertInto('verification_setting')
      .values({ match_threshold: 40, review_threshold: -10 })
      .execute();
    const { run } = await requestVerificationRun({ db, areaCode: '31.74', actor: SYSTEM_ACTOR });
    await executeVerificationRun({ db, runId: run.id, workers: 2, referenceDate });
    runId = run.id;
    app = await buildServer({ db, logLevel: 'silent' });
    verifier = await createUserAndLogin(app, db, { role: 'verifier', areaCode: '31.74' });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: verifier.cookie } });
  const decide = (pairKey: string, decision: string) =>
    app.inject({
      method: 'POST',
      url: '/api/verification/review/decisions',
      headers: { cookie: verifier.cookie },
      payload: { pairKey, decision, reason: 'Diperiksa petugas' },
    });
  const personOf = (memberId: number) =>
    fixture.database.db
      .selectFrom('verification_person')
      .select(['status', 'reasons'])
      .where('run_id', '=', runId)
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow();

  it('lists the run’s review pairs between its thresholds and explains every one field by field', async () => {
    const response = await get('/api/verification/review/pairs?pageSize=200');
    expect(response.statusCode).toBe(200);
    const queue = response.json();
    expect(queue.run).toMatchObject({ id: runId, areaCode: '31.74' });
    expect(queue.total).toBeGreaterThan(0);
    const { match, review } = queue.run.thresholds;
    for (const pair of queue.pairs as QueueItem[]) {
      expect(pair.weight).toBeGreaterThanOrEqual(review - 0.001);
      expect(pair.weight).toBeLessThan(match + 0.001);
      expect(pair.probability).toBeGreaterThan(0);
      expect(pair.probability).toBeLessThan(1);
    }
    for (const item of (queue.pairs as QueueItem[]).slice(0, 10)) {
      const detail = await get(`/api/verification/review/pair?key=${encodeURIComponent(item.pairKey)}`);
      expect(detail.statusCode).toBe(200);
      const { pair } = detail.json();
      expect(pair.comparison.map((entry: { field: string }) => entry.field)).toEqual([
        'name',
        'nik',
        'birthDate',
        'sex',
        'region',
        'kkNumber',
        'prior',
      ]);
      const total = pair.comparison.reduce((sum: number, entry: { weight: number }) => sum + entry.weight, 0);
      expect(total).toBeCloseTo(pair.weight, 1);
      expect(pair.left.fullName).toBeTruthy();
      expect(pair.right.fullName).toBeTruthy();
      if (pair.kind === 'ministry') expect(pair.right.programme).toMatch(/^[A-Z_]+$/);
    }
  });

  it('turns a decision into the person’s status at once', async () => {
    const queue = (await get('/api/verification/review/pairs?pageSize=200')).json();
    const pairs = queue.pairs as QueueItem[];
    const memberOf = (pairKey: string) => Number(/^m:(\d+)\|/.exec(pairKey)![1]);
    const openPairsOf = (memberId: number) =>
      pairs.filter(
        (pair) => pair.pairKey.includes(`m:${memberId}|`) || pair.pairKey.endsWith(`|m:${memberId}`),
      );

    const ministry = pairs.find((pair) => pair.kind === 'ministry');
    expect(ministry).toBeDefined();
    if (ministry) {
      const memberId = memberOf(ministry.pairKey);
      expect((await decide(ministry.pairKey, 'same_person')).statusCode).toBe(200);
      const person = await personOf(memberId);
      expect(person.status).toBe('ministry_match');
      expect(person.reasons.some((reason) => reason.startsWith('ministry_match:'))).toBe(true);
    }
    const lone = pairs.find(
      (pair) =>
        pair !== ministry && openPairsOf(memberOf(pair.pairKey)).length === 1 && pair.kind === 'registry',
    );
    expect(lone).toBeDefined();
    if (lone) {
      const memberId = memberOf(lone.pairKey);
      expect((await personOf(memberId)).reasons).toContain('awaiting_review');
      expect((await decide(lone.pairKey, 'different_people')).statusCode).toBe(200);
      expect((await personOf(memberId)).reasons).not.toContain('awaiting_review');
    }
    const after = (await get('/api/verification/review/pairs?pageSize=200')).json();
    expect(after.total).toBe(queue.total - 2);
  });
});
