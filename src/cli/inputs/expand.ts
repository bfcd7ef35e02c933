import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globBase, globRegex, isGlob } from './glob';

/** Folders never searched: dependencies and version control. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface InputFile {
  readonly path: string;
  /** As the user sees it: relative to the working directory with `/`, else absolute. */
  readonly display: string;
  /** Named on the command line (not found in a folder or by a glob): never skipped as "not a template". */
  readonly explicit: boolean;
}

export interface InputProblem {
  readonly input: string;
  readonly message: string;
}

export interface ExpandOptions {
  /** File name endings that a folder or glob picks up, e.g. `.yaml`. */
  readonly extensions: readonly string[];
  /** Further filter on the file name (e.g. lint skips parameters*.json). */
  readonly accept?: (name: string) => boolean;
}

export function displayOf(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
}

/** `visited` holds real paths: a symbolic link back to a parent folder is followed once, not until ELOOP. */
function walk(dir: string, out: string[], visited = new Set<string>()): void {
  let names: string[];
  try {
    const real = realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let info;
    try {
      info = statSync(path);
    } catch {
      continue;
    }
    if (info.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(path, out, visited);
    } else if (info.isFile()) out.push(path);
  }
}

/**
 * Files, folders (searched recursively) and globs, in the order given, each file once.
 * An input that names nothing is a problem of its own: the others still run.
 */
export function expandInputs(inputs: readonly string[], cwd: string, options: ExpandOptions): { files: InputFile[]; problems: InputProblem[] } {
  const picked = (name: string) => options.extensions.some((ext) => name.toLowerCase().endsWith(ext)) && (options.accept?.(name) ?? true);
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const problems: InputProblem[] = [];
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, display: displayOf(path, cwd), explicit });
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const info = (() => {
      try {
        return statSync(path);
      } catch {
        return undefined;
      }
    })();
    if (info?.isFile()) add(path, true);
    else if (info?.isDirectory()) {
      const found: string[] = [];
      walk(path, found);
      const matching = found.filter((f) => picked(f.slice(f.lastIndexOf(sep) + 1)));
      if (matching.length === 0) problems.push({ input, message: `no ${options.extensions.map((e) => `*${e}`).join(', ')} files in folder ${input}` });
      matching.forEach((f) => add(f, false));
    } else if (isGlob(input)) {
      const { base, rest } = globBase(input.split(sep).join('/'));
      const regex = globRegex(rest);
      const root = resolve(cwd, base);
      const found: string[] = [];
      walk(root, found);
      const matching = found.filter((f) => regex.test(relative(root, f).split(sep).join('/')) && picked(f.slice(f.lastIndexOf(sep) + 1)));
      if (matching.length === 0) problems.push({ input, message: `no file matches ${input}` });
      matching.forEach((f) => add(f, false));
    } else {
      problems.push({ input, message: `cannot read ${input}: file not found` });
    }
  }
  return { files, problems };
}
