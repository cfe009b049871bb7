import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { WHOLE_COUNTRY } from '../auth/area-scope.ts';
import { createUser } from '../auth/create-user.ts';
import { loginUser } from '../auth/login-user.ts';
import { hashPassword } from '../auth/passwords.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';
import { findUserByUsername, setUserPasswordHash } from '../auth/user-repository.ts';
import { describeDemoUsers } from '../cli/start-command.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';
import { countHouseholds, hasCompletedVerificationRun } from './demo-repository.ts';
import { findDemoState, seedDemo } from './seed-demo.ts';

const FAMILIES = 30;

describe('npm start and the demo', () => {
  let database: TestDatabase;
  let dataDirectory: string;
  let messages: string[];
  const start = (log: (message: string) => void = (message) => messages.push(message)) =>
    seedDemo({
      db: database.db,
      dataDirectory,
      regionsFile: path.join(dataDirectory, 'no-boundaries.geojson'),
      families: FAMILIES,
      log,
    });
  const usernames = async () =>
    (await database.db.selectFrom('app_user').select('username').orderBy('username').execute()).map(
      (row) => row.username,
    );

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDirectory = await mkdtemp(path.join(tmpdir(), 'tepat-demo-'));
    messages = [];
  });
  afterEach(async () => {
    await database.drop();
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it('adds nothing to a database with users and families of its own, and prints no password, not even remembered ones', async () => {
    const { db } = database;
    await createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        username: 'verifikator.kota',
        fullName: 'Verifikator',
        password: 'a-real-password',
        role: 'verifier',
        areaCode: '31.74',
      },
    });
    const csv = path.join(dataDirectory, 'families.csv');
    await writeFile(
      csv,
      'no_kk,nik,nama,jenis_kelamin,tanggal_lahir,hubungan_keluarga,alamat,rt,rw,kode_kelurahan\n' +
        '3174012003150007,3174011203780003,BAMBANG SUTRISNO,L,12/03/1978,KEPALA KELUARGA,JL. TEBET 1,003,001,31.74.01.1001\n',
    );
    await submitIntakeFile({
      db,
      actor: SYSTEM_ACTOR,
      scope: WHOLE_COUNTRY,
      filePath: csv,
      fileName: 'families.csv',
      channel: 'cli',
      forwardImmediately: true,
    });
    // The embedded demo's file in the same data folder: its users do not exist in this database.
    const passwordsFile = path.join(dataDirectory, 'demo-users.json');
    const remembered = JSON.stringify([
      { username: 'admin.dki', role: 'administrator', password: 'aaaa-bbbb-cccc-dddd', area: '31' },
    ]);
    await writeFile(passwordsFile, remembered);

    expect(await start()).toEqual([]);
    expect(await start()).toEqual([]);
    expect(await usernames()).toEqual(['verifikator.kota']);
    expect(await countHouseholds(db)).toBe(1);
    expect(await findDemoState({ db })).toBe('none');
    expect(await readFile(passwordsFile, 'utf8')).toBe(remembered);
    expect(messages.join('\n')).toContain('no demo loaded');
  }, 120_000);

  it('loads the demo into an empty database once; every password printed signs in, a changed one is not printed', async () => {
    const { db } = database;
    const first = await start();
    expect(await findDemoState({ db })).toBe('finished');
    expect(first.map((user) => user.username).sort()).toEqual((await usernames()).sort());
    expect(first).toHaveLength(9);
    for (const user of first) {
      expect(user.status).toBe('signs_in');
      const session = await loginUser({ db, username: user.username, password: user.password ?? '' });
      expect(session.user.role).toBe(user.role);
    }
    const households = await countHouseholds(db);
    expect(households).toBeGreaterThan(0);

    const admin = await findUserByUsername(db, 'admin.dki');
    if (!admin) throw new Error('no demo administrator');
    await setUserPasswordHash(db, admin.id, await hashPassword('changed-by-the-admin'));
    const again = await start();
    expect(await countHouseholds(db)).toBe(households);
    expect(await usernames()).toHaveLength(9);
    expect(again.find((user) => user.username === 'admin.dki')).toMatchObject({
      password: null,
      status: 'changed',
    });
    const printed = describeDemoUsers(again, dataDirectory);
    expect(printed.find((line) => line.includes('admin.dki'))).toContain('changed since');
    for (const user of again.filter((listing) => listing.username !== 'admin.dki')) {
      expect(user.password).toBe(first.find((listing) => listing.username === user.username)?.password);
      expect(printed.find((line) => line.includes(` ${user.username} `))).toContain(user.password);
    }

    // Another data folder (the same database started with DATABASE_URL elsewhere) knows no password.
    dataDirectory = await mkdtemp(path.join(tmpdir(), 'tepat-demo-'));
    expect((await start()).every((user) => user.password === null && user.status !== 'signs_in')).toBe(true);
  }, 180_000);

  it('finishes a demo whose first start was interrupted after the families were loaded, saying so', async () => {
    const { db } = database;
    await expect(
      start((message) => {
        if (message.startsWith('Ministry list')) throw new Error('Ctrl-C');
      }),
    ).rejects.toThrow('Ctrl-C');
    const households = await countHouseholds(db);
    expect(households).toBeGreaterThan(0);
    expect(await findDemoState({ db })).toBe('unfinished');
    expect(await usernames()).toEqual([]);

    const users = await start();
    expect(messages.join('\n')).toContain('was not finished');
    expect(await findDemoState({ db })).toBe('finished');
    expect(await countHouseholds(db)).toBe(households);
    expect(await hasCompletedVerificationRun(db)).toBe(true);
    expect(users.filter((user) => user.status === 'signs_in')).toHaveLength(9);
    expect(existsSync(path.join(dataDirectory, 'demo-users.json'))).toBe(true);
    // The RT/RW head's list waits for review once, not once per start.
    const waiting = await db
      .selectFrom('intake_submission')
      .select('id')
      .where('channel', '=', 'upload')
      .execute();
    expect(waiting).toHaveLength(1);
  }, 180_000);
});
