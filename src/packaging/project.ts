import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProjectFileError } from './errors';

/** What packaging reads from the hook project (the repository root). */
export interface HookProject {
  /** schema.json, byte for byte: the registry gets the file the team reviewed. */
  readonly schemaBytes: Buffer;
  readonly schema: Record<string, unknown>;
  /** .rpdk-config, byte for byte. */
  readonly settingsBytes: Buffer;
  readonly typeName: string;
  readonly runtime: string;
  /** Lambda handler string, e.g. `dist/handlers.entrypoint`. */
  readonly entrypoint: string;
  /** `dist/handlers.entrypoint` -> `dist/handlers.js`: where the bundle must sit in the handler zip. */
  readonly handlerFile: string;
}

async function readJson(root: string, file: string): Promise<{ bytes: Buffer; json: Record<string, unknown> }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(root, file));
  } catch (error) {
    throw new ProjectFileError(`cannot read ${file} in ${root}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const json = JSON.parse(bytes.toString('utf8'));
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('not a JSON object');
    return { bytes, json };
  } catch (error) {
    throw new ProjectFileError(`${file} is not a JSON object: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A Node.js Lambda handler string `path/module.function` names the file `path/module.js`.
 * The registry runs `entrypoint`; `testEntrypoint` must live in the same bundle.
 */
export function handlerFileOf(handler: string): string {
  const dot = handler.lastIndexOf('.');
  const module = handler.slice(0, dot);
  const fn = handler.slice(dot + 1);
  const segments = module.split('/');
  const valid = dot > 0 && /^[A-Za-z_$][\w$]*$/.test(fn) && segments.every((s) => /^[\w.-]+$/.test(s) && s !== '.' && s !== '..');
  if (!valid) throw new ProjectFileError(`.rpdk-config entrypoint ${JSON.stringify(handler)} is not of the form path/module.function`);
  return `${module}.js`;
}

function requiredString(settings: Record<string, unknown>, key: string): string {
  const value = settings[key];
  if (typeof value !== 'string' || value === '') throw new ProjectFileError(`.rpdk-config has no ${key}`);
  return value;
}

export async function readHookProject(root: string): Promise<HookProject> {
  const [schema, settings] = await Promise.all([readJson(root, 'schema.json'), readJson(root, '.rpdk-config')]);
  if (settings.json.artifact_type !== 'HOOK') throw new ProjectFileError(`.rpdk-config artifact_type is ${JSON.stringify(settings.json.artifact_type)}, expected "HOOK"`);
  const typeName = requiredString(settings.json, 'typeName');
  if (schema.json.typeName !== typeName) {
    throw new ProjectFileError(`schema.json typeName ${JSON.stringify(schema.json.typeName)} differs from .rpdk-config typeName ${JSON.stringify(typeName)}`);
  }
  const runtime = requiredString(settings.json, 'runtime');
  if (!runtime.startsWith('nodejs')) throw new ProjectFileError(`.rpdk-config runtime ${runtime} is not a Node.js runtime`);
  const entrypoint = requiredString(settings.json, 'entrypoint');
  const handlerFile = handlerFileOf(entrypoint);
  const test = settings.json.testEntrypoint;
  if (typeof test === 'string' && handlerFileOf(test) !== handlerFile) {
    throw new ProjectFileError(`.rpdk-config testEntrypoint ${test} is not in ${handlerFile}, the only file the package ships`);
  }
  return { schemaBytes: schema.bytes, schema: schema.json, settingsBytes: settings.bytes, typeName, runtime, entrypoint, handlerFile };
}
