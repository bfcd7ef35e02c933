import { readFileSync } from 'node:fs';
import { CfnTemplateError, MissingResourcesError } from '../../cfn';
import type { EngineCaches } from '../../engine/enforcer';
import type { TemplateProvider } from '../../engine/template-provider';
import { UsageError } from '../command';
import type { FileOutcome } from '../format/validate-run';
import type { InputFile } from '../inputs/expand';
import { looksLikeStackTemplate } from '../inputs/stack-template';
import { TemplateStoreUnavailableError, validateStack } from '../validate/check';
import type { ValidateOptions } from '../validate/options';
import { readStack } from '../validate/stack';

/** File endings a folder or glob picks up for `rcfge validate`. */
export const STACK_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'] as const;

const NOT_A_TEMPLATE = 'not a CloudFormation template (no Resources section)';

/** In the Hook a missing $<param:NAME> is the type configuration's fault; here it is a missing flag: nothing was judged. */
function missingParam(outcome: FileOutcome): FileOutcome {
  if (outcome.kind !== 'report') return outcome;
  for (const r of outcome.report.resources) {
    if (r.kind !== 'template-error') continue;
    const name = r.findings.map((f) => /unknown placeholder \$<param:([^>]+)>/.exec(f.message)?.[1]).find((n) => n !== undefined);
    if (name === undefined) continue;
    return {
      kind: 'error',
      file: outcome.file,
      line: r.line,
      message: `${outcome.file}:${r.line}: template ${r.template} of ${r.logicalId} (${r.type}) uses $<param:${name}>, which has no value: give --param ${name}=VALUE or --params-file FILE (or params-file in .rcfge.yaml)`,
    };
  }
  return outcome;
}

/** The location of an input error, when the stack reader knew it. */
function located(error: unknown): { line?: number; column?: number } {
  const cause = error instanceof CfnTemplateError ? error : (error as { cause?: unknown })?.cause;
  return cause instanceof CfnTemplateError ? { line: cause.line, ...(cause.column !== undefined ? { column: cause.column } : {}) } : {};
}

export interface StackRun {
  readonly base: ValidateOptions;
  readonly provider: TemplateProvider;
  /** Compiled templates are shared by every file of the run. */
  readonly caches: EngineCaches;
  readonly cwd: string;
  /** Collects the parameter names the stacks of the run declare (an override no stack declares is a typo). */
  readonly declaredParameters?: Set<string>;
  /** Skip a file without a Resources section even when it was named (git hooks name every changed file). */
  readonly skipNonTemplates?: boolean;
}

/** A per-file error says which file, whatever the reader's message said. */
function naming(file: string, message: string): string {
  return message.includes(file) ? message : `${file}: ${message}`;
}

/**
 * One file of a run. Input errors become an `error` outcome (the other files still run);
 * a template store that cannot answer throws TemplateStoreUnavailableError (nothing more
 * can be judged).
 */
export async function validateFile(run: StackRun, input: InputFile): Promise<FileOutcome> {
  const file = input.display;
  const bulk = !input.explicit || run.skipNonTemplates === true;
  if (bulk) {
    let text = '';
    try {
      text = readFileSync(input.path, 'utf8');
    } catch {
      // Unreadable: readStack below says why.
    }
    if (text && !looksLikeStackTemplate(text)) return { kind: 'skipped', file, reason: NOT_A_TEMPLATE };
  }
  const options: ValidateOptions = { ...run.base, stackFile: input.path, displayFile: file };
  try {
    const template = readStack(options);
    for (const name of template.parameters.keys()) run.declaredParameters?.add(name);
    return missingParam({ kind: 'report', file, report: await validateStack(template, options, run.provider, run.cwd, run.caches) });
  } catch (error) {
    if (error instanceof TemplateStoreUnavailableError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (bulk && (error instanceof MissingResourcesError || cause instanceof MissingResourcesError)) return { kind: 'skipped', file, reason: NOT_A_TEMPLATE };
    if (error instanceof UsageError || error instanceof CfnTemplateError) return { kind: 'error', file, message: naming(file, error.message.replace(/^validate: /, '')), ...located(error) };
    throw error;
  }
}

