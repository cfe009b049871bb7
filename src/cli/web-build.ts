// Whether the built web interface is missing or older than its sources (after a pull, `npm start` rebuilds it).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time of the files under these paths (folders walked), 0 when none exists. */
function newestModification(paths: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const entry of paths) visit(entry);
  return newest;
}

export function webBuildIsStale({ builtIndex, sources }: { builtIndex: string; sources: string[] }): boolean {
  if (!existsSync(builtIndex)) return true;
  return newestModification(sources) > statSync(builtIndex).mtimeMs;
}
