import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';

describe('a database that cannot be reached', () => {
  const withDatabase = (name: string) => {
    const url = new URL(inject('databaseServerUrl'));
    url.pathname = `/${name}`;
    return url.toString();
  };

  it.each([
    ['a port nothing listens on', 'postgres://postgres:s3cret@127.0.0.1:5999/x', '127.0.0.1:5999', 'refused'],
    [
      'a host that does not exist',
      'postgres://postgres@no-such-host.invalid:5432/x',
      'no-such-host.invalid',
      'not found',
    ],
    ['not a URL', 'not a url', 'DATABASE_URL is not a PostgreSQL URL', 'postgres://'],
  ])(
    '%s: one line naming the server and what failed, no password, exit 1',
    async (_, url, server, problem) => {
      const { code, stdout, stderr } = await runCli(['db', 'migrate'], { databaseUrl: url });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(server);
      expect(stderr).toContain(problem);
      expect(stderr).not.toContain('s3cret');
    },
    60_000,
  );

  it('names a database that does not exist on a server that answers', async () => {
    const { code, stderr } = await runCli(['users', 'list'], {
      databaseUrl: withDatabase('tepat_no_such_database'),
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('database "tepat_no_such_database" does not exist');
  }, 60_000);
});
