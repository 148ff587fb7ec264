// The config files of ../shared/corpus/real (every file but SOURCES.md), as sorted paths
// relative to `dir`.
import * as fs from 'fs';
import * as path from 'path';

export function corpusFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...corpusFiles(dir, r));
    else if (e.isFile() && r !== 'SOURCES.md') out.push(r);
  }
  return out.sort();
}
