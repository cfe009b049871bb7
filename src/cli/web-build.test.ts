import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webBuildIsStale } from './web-build.ts';

describe('web build freshness', () => {
  it('is stale when the build is missing or any source file is newer, fresh otherwise', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tepat-web-build-'));
    const sources = path.join(root, 'web');
    const builtIndex = path.join(root, 'dist', 'index.html');
    await mkdir(path.join(sources, 'pages'), { recursive: true });
    await mkdir(path.dirname(builtIndex), { recursive: true });
    const page = path.join(sources, 'pages', 'Page.tsx');
    await writeFile(page, 'export {}');
    expect(webBuildIsStale({ builtIndex, sources: [sources] })).toBe(true);

    await writeFile(builtIndex, '<html></html>');
    const older = new Date(Date.now() - 60_000);
    await utimes(page, older, older);
    expect(webBuildIsStale({ builtIndex, sources: [sources, path.join(root, 'absent.ts')] })).toBe(false);

    // A source edited after the build (e.g. pulled in) makes it stale again.
    const newer = new Date(Date.now() + 60_000);
    await utimes(page, newer, newer);
    expect(webBuildIsStale({ builtIndex, sources: [sources] })).toBe(true);
  });
});
