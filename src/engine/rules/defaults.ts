import { ENGINE_KEYWORDS } from '../keywords';
import { DEFAULT_RULE_PREFIX, type Rule } from './rule';

/**
 * Titles of the engine's own rules, used where no `x-rcfge` rule encloses a violation:
 * one per JSON Schema keyword, and one per way a template itself can fail a resource.
 */
const TITLES: Readonly<Record<string, string>> = {
  additionalProperties: 'Property not approved by the template',
  unevaluatedProperties: 'Property not approved by the template',
  'false schema': 'Property forbidden by the template',
  required: 'Required property missing',
  dependencies: 'Property needs another property',
  pattern: 'Value does not match the approved pattern',
  enum: 'Value not among the approved values',
  const: 'Value differs from the required value',
  type: 'Value of the wrong type',
  format: 'Value not in the required format',
  not: 'Configuration forbidden by the template',
  anyOf: 'Value matches no approved alternative',
  oneOf: 'Value does not match exactly one approved alternative',
  contains: 'No item has the required configuration',
  minimum: 'Value out of the approved range',
  maximum: 'Value out of the approved range',
  exclusiveMinimum: 'Value out of the approved range',
  exclusiveMaximum: 'Value out of the approved range',
  multipleOf: 'Value not a multiple of the approved step',
  minLength: 'Value length out of the approved range',
  maxLength: 'Value length out of the approved range',
  minItems: 'Number of items out of the approved range',
  maxItems: 'Number of items out of the approved range',
  uniqueItems: 'Items must be distinct',
  minProperties: 'Number of properties out of the approved range',
  maxProperties: 'Number of properties out of the approved range',
  propertyNames: 'Property name not approved',
  'template-not-approved': 'Resource type not approved (no template)',
  'template-invalid': 'Template invalid (the Hook fails closed)',
  'template-unavailable': 'Template could not be read (the Hook fails closed)',
  'delete-denied': 'Deletion denied by the template',
  'template-value-unknown': 'Template needs a value not known here',
  input: 'Properties cannot be judged',
  schema: 'Properties do not match the template',
};

/** `RCFGE.<keyword>`, with anything but letters and digits as `-` (`false schema` -> `RCFGE.false-schema`). */
export function defaultRuleId(name: string): string {
  return `${DEFAULT_RULE_PREFIX}${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The engine's rule for a keyword (or a template failure such as `template-not-approved`). */
export function defaultRule(name: string): Rule {
  const title = TITLES[name] ?? ENGINE_KEYWORDS.get(name)?.title ?? `Value violates the template's "${name}" constraint`;
  return { id: defaultRuleId(name), title };
}
