import { readFileSync } from 'node:fs';
import { CfnTemplateError, checkReferences, parseStackTemplate, type StackTemplate } from '../../cfn';
import { parameterValueProblem } from '../../cfn/parameters';
import { UsageError } from '../command';
import type { ValidateOptions } from './options';

/**
 * `--parameter-overrides` as CloudFormation would take them: every name is declared, every
 * value (and every default that stands in for one) is one the stack would accept.
 */
function checkParameterValues(template: StackTemplate, overrides: Readonly<Record<string, string>>, undeclared: 'refuse' | 'ignore'): void {
  for (const name of Object.keys(overrides)) {
    if (template.parameters.has(name) || undeclared === 'ignore') continue;
    const declared = [...template.parameters.keys()];
    const known = declared.length ? `it declares ${declared.join(', ')}` : 'it declares none';
    throw new UsageError(`validate: --parameter-overrides ${name}: the stack template has no parameter ${name} (${known})`);
  }
  for (const parameter of template.parameters.values()) {
    const overridden = Object.hasOwn(overrides, parameter.name);
    const value = overridden ? overrides[parameter.name] : parameter.default;
    if (value === undefined) continue;
    const problem = parameterValueProblem(parameter, value);
    if (!problem) continue;
    const source = overridden ? '--parameter-overrides value' : 'Default';
    throw new UsageError(`validate: ${template.file}:${parameter.line}: parameter ${parameter.name}: ${source} ${problem} (CloudFormation refuses it)`);
  }
}

/**
 * Reads, parses and checks the stack template before anything is judged; every failure is
 * an input error (exit 2) with file:line, as CloudFormation would refuse the template.
 */
export function readStack(options: ValidateOptions): StackTemplate {
  let text: string;
  try {
    text = readFileSync(options.stackFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError(`validate: cannot read ${options.displayFile}: ${reason}`);
  }
  try {
    const template = parseStackTemplate(text, options.displayFile);
    checkReferences(template);
    checkParameterValues(template, options.parameterOverrides, options.undeclaredOverrides ?? 'refuse');
    return template;
  } catch (error) {
    if (error instanceof CfnTemplateError) throw new UsageError(`validate: ${error.message}`, { cause: error });
    throw error;
  }
}
