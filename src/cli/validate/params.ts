import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSyntaxReason } from '../../authoring/json-error';
import { UsageError } from '../command';

/** TemplateParameters as the Hook's type configuration holds them: `$<param:NAME>` values. */
export type TemplateParameters = Record<string, string | string[]>;

const NAME = /^[A-Za-z0-9_.-]+$/;

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Same rules as the type configuration's TemplateParameters, so a value accepted here is accepted by the Hook. */
function checkEntry(name: string, value: unknown, where: string): string | string[] {
  if (!NAME.test(name)) throw new UsageError(`validate: ${where}: invalid parameter name ${JSON.stringify(name)} (letters, digits, _ . - only)`);
  if (typeof value === 'string' || isStringList(value)) return value;
  throw new UsageError(`validate: ${where}: value of ${name} must be a string or an array of strings`);
}

/** `--params-file FILE`: a JSON object such as templates/parameters.example.json. */
export function readParamsFile(file: string, cwd: string): TemplateParameters {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : error instanceof SyntaxError ? `not valid JSON: ${jsonSyntaxReason(error)}` : (error as Error).message;
    throw new UsageError(`validate: cannot read --params-file ${file}: ${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`validate: --params-file ${file} must hold a JSON object of strings or arrays of strings`);
  }
  const out: TemplateParameters = {};
  for (const [name, value] of Object.entries(parsed)) out[name] = checkEntry(name, value, `--params-file ${file}`);
  return out;
}

/**
 * `--param NAME=VALUE`: a value that starts with `[` is a JSON array (a list parameter,
 * as the type configuration allows); anything else is taken literally.
 */
export function parseParam(item: string): [string, string | string[]] {
  const eq = item.indexOf('=');
  if (eq <= 0) throw new UsageError(`validate: --param expects NAME=VALUE, got ${JSON.stringify(item)}`);
  const name = item.slice(0, eq);
  const raw = item.slice(eq + 1);
  if (!raw.trimStart().startsWith('[')) return [name, checkEntry(name, raw, '--param') as string];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`validate: --param ${name}: a value starting with "[" must be a JSON array of strings (${(error as Error).message})`);
  }
  return [name, checkEntry(name, list, '--param')];
}

/** The file first, then each `--param` on top (the command line wins). */
export function templateParameters(file: string | undefined, params: readonly string[] | undefined, cwd: string): TemplateParameters {
  const out: TemplateParameters = file === undefined ? {} : readParamsFile(file, cwd);
  for (const item of params ?? []) {
    const [name, value] = parseParam(item);
    out[name] = value;
  }
  return out;
}
