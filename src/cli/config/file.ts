import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UsageError } from '../command';

export const CONFIG_FILE_NAMES = ['.rcfge.yaml', '.rcfge.yml'] as const;

/** A config value as written: a string, a list of strings, or a mapping of strings or lists (`param`). */
export type ConfigValue = string | string[] | Record<string, string | string[]>;

export interface ConfigEntry {
  readonly value: ConfigValue;
  readonly line: number;
}

export interface ConfigFile {
  readonly path: string;
  /** Relative paths in the file are relative to its folder. */
  readonly dir: string;
  /** Top-level options (any command that has the option reads it). */
  readonly options: ReadonlyMap<string, ConfigEntry>;
  /** `validate:`, `lint:`, `publish:` sections: options for one command, winning over top-level ones. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, ConfigEntry>>;
}

/** The config file of `cwd` or of its nearest parent that has one; undefined when none. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((path) => existsSync(path));
    if (found.length > 1) throw new UsageError(`config: both ${found.join(' and ')} exist; keep one`);
    if (found.length === 1) return found[0];
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function valueOf(node: unknown, where: string): ConfigValue {
  if (isScalar(node)) return String(node.value);
  if (isSeq(node)) {
    return node.items.map((item) => {
      if (!isScalar(item)) throw new UsageError(`${where}: a list holds plain values only`);
      return String(item.value);
    });
  }
  if (isMap(node)) {
    const out: Record<string, string | string[]> = {};
    for (const pair of node.items) {
      const value = valueOf(pair.value, `${where}: ${String((pair.key as { value?: unknown })?.value)}`);
      if (typeof value !== 'string' && !Array.isArray(value)) throw new UsageError(`${where}: nested mappings are not options`);
      out[String(isScalar(pair.key) ? pair.key.value : pair.key)] = value;
    }
    return out;
  }
  throw new UsageError(`${where}: empty value`);
}

interface RawEntry {
  readonly node: unknown;
  readonly line: number;
}

function rawEntries(node: unknown, lines: LineCounter): Map<string, RawEntry> {
  const out = new Map<string, RawEntry>();
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    out.set(key, { node: pair.value, line: lines.linePos((pair.key as Node | null)?.range?.[0] ?? 0).line });
  }
  return out;
}

function optionEntries(raw: ReadonlyMap<string, RawEntry>, path: string): Map<string, ConfigEntry> {
  const out = new Map<string, ConfigEntry>();
  for (const [key, { node, line }] of raw) out.set(key, { value: valueOf(node, `config: ${path}:${line}: ${key}`), line });
  return out;
}

/**
 * Reads a config file: a YAML mapping of long option names. Every scalar is read as the
 * text written (YAML's failsafe schema), so an account ID such as 012345678901 keeps its
 * leading zero and `true` is checked like a flag value.
 */
export function readConfigFile(path: string, commandNames: readonly string[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`config: cannot read ${path}: ${(error as Error).message}`);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) {
    const at = lines.linePos(problem.pos[0]);
    throw new UsageError(`config: ${path}:${at.line}:${at.col}: invalid YAML: ${problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  if (document.contents !== null && !isMap(document.contents)) throw new UsageError(`config: ${path}: must be a mapping of option names (e.g. "region: eu-west-1")`);
  const top = rawEntries(document.contents, lines);
  const sections = new Map<string, ReadonlyMap<string, ConfigEntry>>();
  for (const name of commandNames) {
    const section = top.get(name);
    if (!section) continue;
    if (!isMap(section.node)) throw new UsageError(`config: ${path}:${section.line}: ${name}: must be a mapping of ${name} options`);
    sections.set(name, optionEntries(rawEntries(section.node, lines), path));
    top.delete(name);
  }
  return { path, dir: dirname(path), options: optionEntries(top, path), sections };
}
