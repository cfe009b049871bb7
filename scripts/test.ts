// `npm test`: build the web UI the browser tests load, then run every test (unit, database, HTTP, browser).
import { spawnSync } from 'node:child_process';

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'inherit', env: process.env }).status ?? 1;

const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (buildStatus !== 0) {
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exit(buildStatus);
}
// The browser tests serve this one build rather than each building the UI again.
process.env.TEPAT_WEB_DIRECTORY = 'dist/web';
process.exit(run('npx', ['vitest', 'run', ...process.argv.slice(2)]));
