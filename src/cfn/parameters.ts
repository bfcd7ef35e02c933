import { compilePattern, type RegExpLike } from '../engine/regex-engine';
import type { TemplateParameter } from './types';
import { isScalar, UNRESOLVED } from './values';

/** Parameter types whose value is a list: `Ref` to them yields an array of strings. */
export function isListParameterType(type: string): boolean {
  return type === 'CommaDelimitedList' || /^List<.+>$/.test(type);
}

/**
 * SSM-backed parameters hold the *name* of an SSM parameter in their default/override;
 * the value is fetched at deploy time, so it cannot be known here.
 */
function isSsmValueType(type: string): boolean {
  return type.startsWith('AWS::SSM::Parameter::Value<');
}

/** CloudFormation trims the members of a comma-delimited list value. */
function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim());
}

/**
 * Value of `Ref` to a template parameter: the override if given, else the `Default`.
 * Scalars become strings (CloudFormation passes Number parameters to resources as
 * strings too); list types become arrays of strings.
 */
export function parameterValue(
  parameter: TemplateParameter,
  overrides: Record<string, string>,
): string | string[] | typeof UNRESOLVED {
  const raw = Object.hasOwn(overrides, parameter.name) ? overrides[parameter.name] : parameter.default;
  if (raw === undefined || raw === null || isSsmValueType(parameter.type)) return UNRESOLVED;
  if (isListParameterType(parameter.type)) {
    if (Array.isArray(raw)) return raw.every(isScalar) ? raw.map(String) : UNRESOLVED;
    return isScalar(raw) ? splitList(String(raw)) : UNRESOLVED;
  }
  return isScalar(raw) ? String(raw) : UNRESOLVED;
}

function numberProblem(text: string): string | undefined {
  return text.trim() !== '' && Number.isFinite(Number(text)) ? undefined : `${JSON.stringify(text)} is not a number`;
}

function patternProblem(text: string, pattern: string): string | undefined {
  let regex: RegExpLike;
  try {
    // CloudFormation matches the whole value. The engine's path: Java syntax translated, and a
    // pattern that could backtrack runs in linear time, so a long Default cannot stall validate.
    // A pattern the engine refuses is left to CloudFormation.
    regex = compilePattern(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
  return regex.test(text) ? undefined : `${JSON.stringify(text)} does not match its AllowedPattern ${pattern}`;
}

/**
 * Why CloudFormation would refuse `value` for `parameter` (not a number for a Number,
 * outside AllowedValues, not matching AllowedPattern), or undefined when it would accept it.
 * SSM-backed parameters hold a parameter name, not the value: not checked.
 */
export function parameterValueProblem(parameter: TemplateParameter, value: unknown): string | undefined {
  if (!isScalar(value) || isSsmValueType(parameter.type)) return undefined;
  const text = String(value);
  if (parameter.type === 'Number') {
    const problem = numberProblem(text);
    if (problem) return problem;
  }
  if (parameter.type === 'List<Number>') {
    const problem = splitList(text).map(numberProblem).find((p) => p !== undefined);
    if (problem) return problem;
  }
  const list = isListParameterType(parameter.type);
  const items = list ? splitList(text) : [text];
  if (parameter.allowedValues) {
    const outside = items.find((item) => !parameter.allowedValues?.includes(item));
    if (outside !== undefined) return `${JSON.stringify(outside)} is not one of its AllowedValues (${parameter.allowedValues.join(', ')})`;
  }
  if (parameter.allowedPattern !== undefined && !list) return patternProblem(text, parameter.allowedPattern);
  return undefined;
}
