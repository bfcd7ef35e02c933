import type { ResourceResult } from '../validate/model';

/** What each kind of finding means, for SARIF `rules[].shortDescription` (shown by code-scanning UIs). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'RCFGE.template-not-approved': 'Resource type not approved: no restricted template exists for it',
  'RCFGE.template-invalid': 'The restricted template for this resource type is invalid (the Hook fails closed)',
  'RCFGE.delete-denied': 'The template forbids deleting resources of this type',
  'RCFGE.additionalProperties': 'Property not approved by the template (feature gating)',
  'RCFGE.unevaluatedProperties': 'Property not approved by the template (feature gating)',
  'RCFGE.false-schema': 'Property forbidden by the template',
  'RCFGE.required': 'Property required by the template is missing',
  'RCFGE.pattern': 'Value does not match the pattern the template approves',
  'RCFGE.enum': 'Value is not one of the values the template approves',
  'RCFGE.const': 'Value differs from the one the template requires',
  'RCFGE.type': 'Value has a type the template does not allow',
  'RCFGE.not': 'Value matches a configuration the template forbids',
  'RCFGE.anyOf': 'Value matches none of the alternatives the template approves',
  'RCFGE.oneOf': 'Value does not match exactly one alternative the template approves',
  'RCFGE.format': 'Value is not in the format the template requires',
};

/**
 * Stable rule ids: one per failure of the template itself, else one per JSON Schema keyword
 * (so "not approved" properties can be filtered or suppressed as one rule).
 */
export function ruleIdOf(result: Pick<ResourceResult, 'kind'>, keyword: string): string {
  if (result.kind === 'not-approved') return 'RCFGE.template-not-approved';
  if (result.kind === 'template-error') return 'RCFGE.template-invalid';
  if (result.kind === 'delete-denied') return 'RCFGE.delete-denied';
  return `RCFGE.${keyword.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function describeRule(ruleId: string): string {
  return DESCRIPTIONS[ruleId] ?? `Value violates the template's "${ruleId.slice('RCFGE.'.length)}" constraint`;
}
