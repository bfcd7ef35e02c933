// Templates for many types at once, for the memory run: what `rcfge init` writes, derived in
// process with the same function the command uses (src/authoring/init/derive.ts). Only
// templates that compile are kept, so every invocation exercises the cached path.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { registryFiles } from './registry.mjs';

/** Writes `count` compiling templates into `dir`; returns their type names and how they were made. */
export function generateTemplates(support, dir, count) {
  const compiler = new support.SchemaCompiler();
  const types = [];
  for (const path of registryFiles(Math.min(1504, Math.round(count * 1.1)))) {
    if (types.length === count) break;
    const registry = JSON.parse(readFileSync(path, 'utf8'));
    try {
      const { template } = support.deriveTemplate(registry, { compiler });
      writeFileSync(join(dir, basename(path)), JSON.stringify(template, null, 2));
      types.push(registry.typeName);
    } catch {
      // Not derivable or not compilable: the compile section lists these.
    }
  }
  return { types, source: 'rcfge init (deriveTemplate from src/authoring/init, in process)' };
}
