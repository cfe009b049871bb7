import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every module a validation worker loads at start, with the packages they import (type-only imports load nothing).
function loadedBy(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^import\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const [, typeOnly, specifier] = match;
      if (typeOnly) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { modules, packages };
}

describe('validation worker', () => {
  it('starts without the spreadsheet reader or the query builder, which took it seconds to load', () => {
    const { modules, packages } = loadedBy(
      resolve(dirname(fileURLToPath(import.meta.url)), 'validation-worker.ts'),
    );
    expect(modules.size).toBeGreaterThan(5);
    expect([...modules].some((file) => file.endsWith('validate-intake-row.ts'))).toBe(true);
    for (const heavy of ['exceljs', 'kysely', 'pg']) expect(packages).not.toContain(heavy);
  });
});
