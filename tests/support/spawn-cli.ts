// Runs the `tepat` CLI as a child process against a test database, e.g. to kill it mid-way.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function startCli(args: string[], databaseUrl: string, stdio: 'ignore' | 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio,
  });
}

export function spawnCli(args: string[], { databaseUrl }: { databaseUrl: string }): ChildProcess {
  return startCli(args, databaseUrl, 'ignore');
}

/** Runs the `tepat` CLI to its end against a test database and returns its exit code and output. */
export function runCli(
  args: string[],
  { databaseUrl }: { databaseUrl: string },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCli(args, databaseUrl, 'pipe');
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
