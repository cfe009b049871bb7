import { describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import { createUser } from '../auth/create-user.ts';
import { loginUser } from '../auth/login-user.ts';
import { SYSTEM_ACTOR } from '../auth/session-user.ts';

describe('tepat users reset-password', () => {
  const fixture = useTestDatabase();
  const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });

  it('prints a new password once that then signs in, and names an unknown user with a non-zero exit', async () => {
    const db = fixture.database.db;
    await createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        username: 'admin.lupa',
        fullName: 'Admin',
        password: 'the-old-password',
        role: 'administrator',
        areaCode: '31',
      },
    });
    const { code, stdout } = await tepat(['users', 'reset-password', 'Admin.Lupa']);
    expect(code).toBe(0);
    const given = /^New password for admin\.lupa: ([a-z2-9-]{19})$/m.exec(stdout)?.[1];
    expect(given).toBeDefined();
    await expect(loginUser({ db, username: 'admin.lupa', password: 'the-old-password' })).rejects.toThrow();
    expect((await loginUser({ db, username: 'admin.lupa', password: given ?? '' })).user.username).toBe(
      'admin.lupa',
    );

    const unknown = await tepat(['users', 'reset-password', 'nobody.here']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no user with username nobody.here');
  }, 60_000);
});
