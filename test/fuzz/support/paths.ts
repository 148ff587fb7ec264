// Where the repository, the shared reference material and the built oracle are, seen from
// compiled code in out/ (tests) or from scripts. Nothing here is a path of one machine: all
// are found relative to the repository root.

import * as fs from 'fs';
import * as path from 'path';

/**
 * The repository root: the nearest parent of this file with our package.json and a
 * tsconfig.json (out/ gets a copy of package.json when code imports it, but no tsconfig).
 */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'tsconfig.json'))) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'xlcfg') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`xlcfg: no package.json named xlcfg above ${from}`);
    dir = parent;
  }
}

/**
 * `../shared` beside the repository, or null when this checkout has none. XLCFG_SHARED_DIR
 * points elsewhere (set it to a missing directory to see the tests skip).
 */
export function sharedDir(): string | null {
  const dir = process.env.XLCFG_SHARED_DIR ?? path.resolve(repoRoot(), '..', 'shared');
  return fs.existsSync(dir) ? dir : null;
}

export function fixturesDir(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}
