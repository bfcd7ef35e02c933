import { isAbsolute, relative, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { didYouMean } from '../../authoring/suggest';
import { type CliIO, UsageError } from '../command';
import { type ConfigEntry, type ConfigFile, findConfigFile, readConfigFile } from './file';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/**
 * The long options each command reads from the config file. Listed here so that a key of
 * another command is told apart from a typo; a test checks the lists against the commands'
 * own flags.
 */
export const CONFIG_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  validate: ['templates', 'bucket', 'prefix', 'bucket-region', 'account', 'region', 'partition', 'stack-name', 'param', 'params-file', 'parameter-overrides', 'operation', 'format', 'missing-template', 'skip-non-templates'],
  lint: ['schemas', 'format', 'params-file'],
  publish: ['bucket', 'prefix', 'region', 'schemas', 'params-file', 'dry-run', 'delete'],
};

/** Options that name files or folders: relative to the config file's folder, not to where rcfge runs. */
const PATH_OPTIONS = new Set(['templates', 'params-file', 'schemas']);

/** `section`: the value came from a command's own section (`validate:`), which is nearer than the top level. */
export type Origin = { readonly kind: 'flag' } | { readonly kind: 'config'; readonly file: string; readonly line: number; readonly section?: string } | { readonly kind: 'default' };

export interface Configured<V> {
  readonly values: V;
  /** Where an option's value came from; `default` when neither a flag nor the config file gave it. */
  origin(name: string): Origin;
  /** The config file read, as shown to the user (relative to the working directory). */
  readonly file?: string;
}

/** "flag", ".rcfge.yaml" (the config file as shown) or "default": for output that says where a value came from. */
export function originText(origin: Origin): string {
  if (origin.kind === 'config') return origin.file;
  return origin.kind === 'flag' ? 'flag' : 'default';
}

/** The file is in the working directory or one of its parents: `.rcfge.yaml`, `../../.rcfge.yaml`. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return isAbsolute(rel) ? path : rel.split('\\').join('/');
}

function toPath(value: string, dir: string): string {
  return value.startsWith('@') || /^[a-z0-9]+:\/\//i.test(value) ? value : resolve(dir, value);
}

/** A mapping entry of a repeatable NAME=VALUE option (`param: {Accounts: [a, b]}`): lists as JSON arrays, as --param takes them. */
function pairs(name: string, value: Record<string, string | string[]>): string[] {
  return Object.entries(value).map(([key, v]) => `${key}=${Array.isArray(v) ? (name === 'param' ? JSON.stringify(v) : v.join(',')) : v}`);
}

function convert(name: string, entry: ConfigEntry, spec: OptionSpecs[string], config: ConfigFile): unknown {
  const where = `config: ${config.path}:${entry.line}: ${name}`;
  const { value } = entry;
  if (spec.type === 'boolean') {
    if (value === 'true' || value === 'false') return value === 'true';
    throw new UsageError(`${where}: must be true or false`);
  }
  const asString = (v: string) => (PATH_OPTIONS.has(name) ? toPath(v, config.dir) : v);
  if (spec.multiple) {
    if (typeof value === 'string') return [asString(value)];
    if (Array.isArray(value)) return value.map(asString);
    return pairs(name, value);
  }
  if (typeof value !== 'string') throw new UsageError(`${where}: must be a single value`);
  return asString(value);
}

function checkKeys(config: ConfigFile): void {
  const known = new Set(Object.values(CONFIG_OPTIONS).flat());
  for (const [key, entry] of config.options) {
    if (!known.has(key)) throw new UsageError(`config: ${config.path}:${entry.line}: unknown option ${JSON.stringify(key)}${didYouMean(key, [...known, ...Object.keys(CONFIG_OPTIONS)])}`);
  }
  for (const [section, entries] of config.sections) {
    const own = CONFIG_OPTIONS[section] ?? [];
    for (const [key, entry] of entries) {
      if (!own.includes(key)) throw new UsageError(`config: ${config.path}:${entry.line}: ${section}: ${JSON.stringify(key)} is not an option of rcfge ${section}${didYouMean(key, own)}`);
    }
  }
}

/**
 * Fills the options a command was not given on the command line from `.rcfge.yaml` /
 * `.rcfge.yml` (in the working directory or its nearest parent): flags win; repeatable
 * options (`param`, `parameter-overrides`) take the file's values first and the flags' after,
 * so a flag overrides one name and keeps the others.
 */
export function applyConfig<V extends Record<string, unknown>>(command: string, values: V, specs: OptionSpecs, io: CliIO): Configured<V> {
  const path = findConfigFile(io.cwd);
  const fromFlag = (name: string) => values[name] !== undefined;
  if (path === undefined) return { values, origin: (name) => (fromFlag(name) ? { kind: 'flag' } : { kind: 'default' }) };
  const config = readConfigFile(path, Object.keys(CONFIG_OPTIONS));
  checkKeys(config);
  const file = shown(path, io.cwd);
  const merged: Record<string, unknown> = { ...values };
  const origins = new Map<string, Origin>();
  const own = CONFIG_OPTIONS[command] ?? [];
  const entries = new Map<string, ConfigEntry & { section?: string }>([...config.options].filter(([key]) => own.includes(key)));
  for (const [key, entry] of config.sections.get(command) ?? []) entries.set(key, { ...entry, section: command });
  for (const [name, entry] of entries) {
    const spec = specs[name];
    if (!spec) continue;
    const value = convert(name, entry, spec, config);
    if (spec.multiple) {
      merged[name] = [...(value as string[]), ...((values[name] as string[] | undefined) ?? [])];
      if (!fromFlag(name)) origins.set(name, { kind: 'config', file, line: entry.line, ...(entry.section ? { section: entry.section } : {}) });
    } else if (!fromFlag(name)) {
      merged[name] = value;
      origins.set(name, { kind: 'config', file, line: entry.line, ...(entry.section ? { section: entry.section } : {}) });
    }
  }
  return {
    values: merged as V,
    origin: (name) => origins.get(name) ?? (fromFlag(name) ? { kind: 'flag' } : { kind: 'default' }),
    file,
  };
}

/**
 * A usage error about an option the config file set says where it was set: "--format must
 * be one of ..." alone sends the user looking for a flag they never typed.
 */
export function blameConfig(error: unknown, origin: (name: string) => Origin): unknown {
  if (!(error instanceof UsageError)) return error;
  const name = /--([a-z][a-z-]*)/.exec(error.message)?.[1];
  const from = name === undefined ? undefined : origin(name);
  if (from?.kind !== 'config') return error;
  return new UsageError(`${error.message} (${name}: from ${from.file}:${from.line})`, { cause: error });
}

/** Runs the checks of options that may come from the config file, blaming the file when one fails. */
export function blamingConfig<T>(origin: (name: string) => Origin, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw blameConfig(error, origin);
  }
}
