// `tepat verify run --as USER` acts as that user: a role that may not verify, or an area beyond theirs, is refused.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { createUser } from '../auth/create-user.ts';
import type { Role } from '../auth/roles.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';

describe('tepat verify run --as', () => {
  const fixture = useTestDatabase();
  const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });
  const user = (username: string, role: Role, areaCode: string) =>
    createUser({
      db: fixture.database.db,
      actor: SYSTEM_ACTOR,
      input: { username, fullName: username, password: 'a-long-enough-password', role, areaCode },
    });

  it('refuses a role without verification.run and an area outside the user’s, in one line', async () => {
    await user('approver.cli', 'approver', '31.74');
    await user('verifier.cli', 'verifier', '31.74');
    const approver = await tepat(['verify', 'run', '--as', 'approver.cli']);
    expect(approver.code).toBe(1);
    expect(approver.stderr.trim()).toBe(
      'tepat: --as approver.cli: the role approver may not run verification (it needs verification.run)',
    );
    const elsewhere = await tepat(['verify', 'run', '--as', 'verifier.cli', '--area', '31.71']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr.trim()).toBe(
      'tepat: --area 31.71: outside the area of --as verifier.cli (31.74)',
    );
    const runs = await fixture.database.db.selectFrom('verification_run').select('id').execute();
    expect(runs).toEqual([]);
  }, 60_000);
});
