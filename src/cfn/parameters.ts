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
