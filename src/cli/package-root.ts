import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, from the source tree (src/cli) or the bundle (dist/) alike. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'rcfge') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the rcfge package root');
    dir = parent;
  }
}
