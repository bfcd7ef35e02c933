import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { LintFinding } from '../../authoring/lint/finding';
import { checkCompiles } from '../../authoring/lint/compile';
import { lintIamCatalogue } from '../../authoring/lint/iam-catalogue';
import { createLintTools } from '../../authoring/lint/lint-directory';
import { lintTemplate, parseTemplate } from '../../authoring/lint/lint-template';
import { locateFindings } from '../../authoring/lint/locate';
import { checkParams, paramsUsed } from '../../authoring/lint/params';
import { IAM_CATALOGUE_FILE } from '../../engine/iam/catalogue';
import { usesIamCatalogue } from '../../engine/iam/uses-catalogue';
import { joinPointer } from '../../engine/pointer';
import type { Registry } from '../../registry';
import { type CliIO, UsageError } from '../command';
import { readParamsFile, type TemplateParameters } from '../validate/params';
import { displayOf, type InputFile } from '../inputs/expand';
import { stackTemplateMisuse } from '../inputs/stack-template';
import { progress } from './progress';

/** Template files a folder or glob picks up: `*.json` except TemplateParameters files and the IAM catalogue. */
export function isTemplateFileName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('parameters') && name !== IAM_CATALOGUE_FILE;
}

export interface ParamsFile {
  /** As shown to the user. */
  readonly file: string;
  readonly path: string;
  readonly values: Readonly<TemplateParameters>;
}

/** `--params-file FILE` of lint and publish: the same reader as validate's, errors named for the command. */
export function paramsFileOf(command: string, file: string | undefined, io: CliIO): ParamsFile | undefined {
  if (file === undefined) return undefined;
  try {
    return { file: displayOf(resolve(io.cwd, file), io.cwd), path: resolve(io.cwd, file), values: readParamsFile(file, io.cwd) };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message.replace(/^validate: /, `${command}: `));
    throw error;
  }
}

export interface LintRun {
  readonly templates: readonly string[];
  readonly findings: readonly LintFinding[];
  /** Inputs that could not be read at all (exit 2). */
  readonly errors: ReadonlyArray<{ readonly file: string; readonly message: string }>;
}

function registrySchema(registry: Registry, template: Record<string, unknown>): Record<string, unknown> | null {
  if (typeof template.typeName !== 'string') return null;
  try {
    return registry.schemaOfType(template.typeName) ?? null;
  } catch {
    return null;
  }
}

/** Lints each file (one set of compiled tools for the run), every finding with a line. */
export async function lintFiles(files: readonly InputFile[], registry: Registry, params: ParamsFile | undefined, io: CliIO): Promise<LintRun> {
  const tools = createLintTools();
  const findings: LintFinding[] = [];
  const errors: Array<{ file: string; message: string }> = [];
  const templates: string[] = [];
  const used = new Set<string>();
  /** Per folder of templates: the templates that judge policies, which need the folder's IAM catalogue. */
  const folders = new Map<string, { display: string; judging: string[] }>();
  const shown = progress(io, files.length);
  for (const [index, input] of files.entries()) {
    shown.step(index, input.display);
    let text: string;
    try {
      text = await readFile(input.path, 'utf8');
    } catch (error) {
      errors.push({ file: input.display, message: `cannot read ${input.display}: ${(error as Error).message}` });
      continue;
    }
    const misuse = stackTemplateMisuse(input.display, text);
    if (misuse) {
      errors.push({ file: input.display, message: misuse });
      continue;
    }
    templates.push(input.display);
    const parsed = parseTemplate(text);
    const folder = folders.get(dirname(input.path)) ?? { display: dirname(input.display), judging: [] };
    if (parsed.ok && usesIamCatalogue(parsed.template)) folder.judging.push(basename(input.display));
    folders.set(dirname(input.path), folder);
    const own = lintTemplate({ file: input.display, text }, tools, parsed.ok ? registrySchema(registry, parsed.template) : undefined);
    if (params && parsed.ok) {
      own.push(...checkParams(parsed.template, params.values, params.file).map((f) => ({ file: input.display, ...f })));
      // The file's values as the Hook would substitute them (a list where one value is needed
      // breaks the template), once the template compiles with stand-in values.
      if (!own.some((f) => f.rule === 'compile' || f.rule === 'placeholder')) {
        const keywordsReported = own.some((f) => f.rule === 'keyword');
        own.push(...checkCompiles({ file: input.display, text, template: parsed.template, compiler: tools.compiler, keywordsReported, params }).map((f) => ({ file: input.display, ...f })));
      }
      for (const { name } of paramsUsed(parsed.template)) used.add(name);
    }
    findings.push(...locateFindings(text, own));
  }
  shown.done();
  for (const [dir, folder] of folders) findings.push(...(await lintIamCatalogue(dir, folder.display, folder.judging)));
  // With no template linted (say, only a stack template given by mistake) every value would look unused.
  if (params && templates.length > 0) {
    const unused: LintFinding[] = Object.keys(params.values)
      .filter((name) => !used.has(name))
      .map((name) => ({ file: params.file, path: joinPointer('', name), rule: 'param-unused', severity: 'warning', message: `"${name}" is used by no template linted (a misspelt name leaves the template's $<param:...> without a value)` }));
    findings.push(...locateFindings(await readFile(params.path, 'utf8'), unused));
  }
  return { templates, findings, errors };
}
