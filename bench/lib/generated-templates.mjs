// Templates for many types at once, for the memory run. `rcfge init` (src/cli/init.ts) is the
// real generator; until it is available this uses a stand-in: the registry schema itself,
// which DESIGN.md names a valid (permissive) template. Only templates that compile are kept,
// so every invocation exercises the cached path rather than the refusal path.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { registryFiles } from './registry.mjs';
import { REGISTRY, ROOT } from './paths.mjs';

function initTemplate(typeName) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rcfge.js'), 'init', typeName, '--schemas', REGISTRY], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return undefined;
  try {
    const template = JSON.parse(r.stdout);
    return template?.typeName === typeName ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

function compiles(support, path, body) {
  try {
    const prepared = support.prepareTemplate({ file: basename(path), location: path, body, etag: 'x' });
    new support.SchemaCompiler().compile(support.substitutePlaceholders(prepared.schema, CONTEXT(prepared.typeName)), path);
    return prepared.typeName;
  } catch {
    return undefined;
  }
}

const CONTEXT = (typeName) => ({
  accountID: '111122223333', region: 'eu-west-1', partition: 'aws', stackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/s/1',
  stackName: 's', logicalResourceId: 'R', typeName, hookTypeName: 'RCFGE::Config::Hook', params: {},
});

/** Writes `count` compiling templates into `dir`; returns their type names and how they were made. */
export function generateTemplates(support, dir, count) {
  const candidates = registryFiles(Math.min(1504, Math.round(count * 1.1)));
  const firstType = JSON.parse(readFileSync(candidates[0], 'utf8')).typeName;
  const useInit = initTemplate(firstType) !== undefined;
  const types = [];
  for (const path of candidates) {
    if (types.length === count) break;
    const typeName = JSON.parse(readFileSync(path, 'utf8')).typeName;
    const body = useInit ? initTemplate(typeName) : readFileSync(path, 'utf8');
    if (body === undefined || compiles(support, path, body) !== typeName) continue;
    if (useInit) writeFileSync(join(dir, basename(path)), body);
    else copyFileSync(path, join(dir, basename(path)));
    types.push(typeName);
  }
  return { types, source: useInit ? 'rcfge init' : 'registry schema as template (stand-in for rcfge init)' };
}
