import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SchemaCompiler, createAjv } from '../../engine/compiler';
import { IAM_CATALOGUE_FILE } from '../../engine/iam/catalogue';
import type { Registry } from '../../registry';
import type { LintFinding } from './finding';
import { knownKeywords } from './keywords';
import { type LintTools, lintTemplate, parseTemplate } from './lint-template';

export interface LintReport {
  readonly templates: readonly string[];
  readonly findings: readonly LintFinding[];
}

/** Template files of a folder: every `*.json` except parameter files (TemplateParameters examples) and the IAM catalogue (data). */
export function templateFiles(names: readonly string[]): string[] {
  return names.filter((name) => name.endsWith('.json') && !name.startsWith('parameters') && name !== IAM_CATALOGUE_FILE).sort();
}

export function createLintTools(): LintTools {
  return { compiler: new SchemaCompiler(), keywords: knownKeywords(createAjv()) };
}

function registrySchema(registry: Registry, typeName: unknown): Record<string, unknown> | null {
  if (typeof typeName !== 'string') return null;
  try {
    return registry.schemaOfType(typeName) ?? null;
  } catch {
    return null;
  }
}

/** Lints every template of `dir`; with `registry`, also against the official registry schemas. */
export interface LintOptions {
  readonly registry?: Registry;
  readonly tools?: LintTools;
  /** How findings name the folder (the path as the user typed it); default: `dir`. */
  readonly displayDir?: string;
}

export async function lintDirectory(dir: string, options: LintOptions = {}): Promise<LintReport> {
  const tools = options.tools ?? createLintTools();
  const files = templateFiles(await readdir(dir));
  const findings: LintFinding[] = [];
  for (const name of files) {
    const file = join(options.displayDir ?? dir, name);
    const text = await readFile(join(dir, name), 'utf8');
    let registry: Record<string, unknown> | null | undefined;
    if (options.registry !== undefined) {
      const parsed = parseTemplate(text);
      registry = parsed.ok ? registrySchema(options.registry, parsed.template.typeName) : undefined;
    }
    findings.push(...lintTemplate({ file, text }, tools, registry));
  }
  return { templates: files.map((name) => join(options.displayDir ?? dir, name)), findings };
}
