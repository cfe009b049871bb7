import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';

// `demo generate` needs no database; the URL only satisfies the helper.
const tepat = (args: string[]) =>
  runCli(['demo', 'generate', ...args], { databaseUrl: inject('databaseServerUrl') });

let directory = '';

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'tepat-demo-cli-'));
  await writeFile(path.join(directory, 'a-file'), 'not a folder\n');
  await writeFile(path.join(directory, 'notes.md'), '# Notes\n');
  await writeFile(path.join(directory, 'empty.geojson'), '{"type":"FeatureCollection","features":[]}');
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('tepat demo generate', () => {
  it('refuses bad option values with one clear line and exit code 1, writing nothing', async () => {
    const out = path.join(directory, 'out');
    const cases: [string[], RegExp][] = [
      [['--families', '0', '--out', out], /--families: "0" is not a whole number of at least 1/],
      [['--families', 'ten', '--out', out], /--families: "ten" is not a whole number of at least 1/],
      [
        ['--families', '5', '--ministry-overlap', '1.5', '--out', out],
        /--ministry-overlap: "1.5" is not .*0 and 1/,
      ],
      [['--families', '5', '--fault-rate', 'abc', '--out', out], /--fault-rate: "abc" is not .*0 and 1/],
      [
        ['--families', '5', '--ministry-extra', '-3', '--out', out],
        /--ministry-extra: "-3" is not a whole number/,
      ],
      [['--families', '5', '--seed', '1.5', '--out', out], /--seed: "1.5" is not a whole number/],
      [['--families', '5', '--out', path.join(directory, 'a-file')], /--out .*a-file: a file, not a folder/],
      [
        ['--families', '5', '--out', out, '--regions', path.join(directory, 'notes.md')],
        /--regions .*notes\.md: not a GeoJSON file/,
      ],
      [
        ['--families', '5', '--out', out, '--regions', path.join(directory, 'empty.geojson')],
        /--regions .*empty\.geojson: no kelurahan in it/,
      ],
      [
        ['--families', '5', '--out', out, '--regions', path.join(directory, 'missing.geojson')],
        /--regions .*missing\.geojson: file not found/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => tepat(args)));
    results.forEach((result, index) => {
      const [args, message] = cases[index];
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      // One line, no stack trace.
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^tepat: /);
    });
    expect(existsSync(path.join(out, 'intake-households.csv'))).toBe(false);
  }, 120_000);

  it('writes the files for good options', async () => {
    const out = path.join(directory, 'good');
    const result = await tepat(['--families', '30', '--seed', '3', '--fault-rate', '0.2', '--out', out]);
    expect(result.stderr).not.toMatch(/Error|at /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^30 families, \d+ persons/);
    expect(existsSync(path.join(out, 'intake-households.csv'))).toBe(true);
    expect(existsSync(path.join(out, 'ground-truth.csv'))).toBe(true);
  }, 60_000);
});
