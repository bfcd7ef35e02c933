import { isRecord } from '../../engine/schema-walk';
import type { RuleFinding } from './finding';
import { findPropertyPath } from './read-only';

/**
 * A `delete: deny` template protects a resource from deletion, but CloudFormation also
 * deletes it when an update replaces it: a change to a create-only property. The Hook
 * tells a replacement from the template's `createOnlyProperties`, so a deny template
 * should list every create-only property it approves.
 */
export function checkCreateOnly(template: Record<string, unknown>, registry: Record<string, unknown>): RuleFinding[] {
  const policy = template['x-rcfge'];
  if (!isRecord(policy) || policy.delete !== 'deny') return [];
  const registryList = Array.isArray(registry.createOnlyProperties) ? registry.createOnlyProperties.filter((p): p is string => typeof p === 'string') : [];
  const listed = new Set(Array.isArray(template.createOnlyProperties) ? template.createOnlyProperties : []);
  const missing = registryList.filter((pointer) => !listed.has(pointer) && findPropertyPath(template, pointer) !== undefined);
  if (missing.length === 0) return [];
  return [{
    path: '/createOnlyProperties',
    rule: 'create-only',
    severity: 'warning',
    message: `this template denies deletion, but a change to ${missing.join(', ')} replaces (deletes) the resource and the template does not list ${missing.length === 1 ? 'it' : 'them'} in "createOnlyProperties": add ${missing.map((m) => JSON.stringify(m)).join(', ')} so the Hook refuses that replacement`,
  }];
}
