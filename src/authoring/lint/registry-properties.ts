import { joinPointer } from '../../engine/pointer';
import { type Located, describedItems, describedProperties, expand } from '../registry-view';
import { isRecord, resolveRef, subSchemas } from '../../engine/schema-walk';
import { didYouMean } from '../suggest';
import type { RuleFinding } from './finding';

/**
 * Walks the template and the official registry schema side by side (following `$ref`s
 * on both sides) and reports every property the template names that the registry does
 * not have at that place: `BucketNmae` would otherwise be a gate nobody ever passes.
 */
export function checkRegistryProperties(template: Record<string, unknown>, registry: Record<string, unknown>): RuleFinding[] {
  const typeName = String(registry.typeName ?? template.typeName);
  const findings = new Map<string, RuleFinding>();
  const seen = new Set<string>();
  const walk = (node: unknown, pointer: string, official: Located): void => {
    const key = `${pointer}\u0000${official.pointer}`;
    if (seen.has(key) || !isRecord(node)) return;
    seen.add(key);
    const target = resolveRef(template, node);
    if (target) walk(target.node, target.pointer, official);
    const views = expand(registry, official);
    if (isRecord(node.properties)) {
      const known = describedProperties(registry, views);
      for (const [name, child] of Object.entries(node.properties)) {
        const at = joinPointer(joinPointer(pointer, 'properties'), name);
        const match = known?.get(name);
        if (match) walk(child, at, match);
        else if (known && !findings.has(at)) {
          findings.set(at, {
            path: at,
            rule: 'registry-property',
            severity: 'error',
            message: `property "${name}" does not exist in the registry schema of ${typeName} (at ${official.pointer || '/'})${didYouMean(name, known.keys())}`,
          });
        }
      }
    }
    for (const sub of subSchemas(node, pointer)) {
      if (sub.position === 'same' || sub.keyword === 'if' || sub.keyword === 'not') walk(sub.node, sub.pointer, official);
      else if (sub.keyword === 'items' || sub.keyword === 'contains') {
        const items = describedItems(views);
        if (items) walk(sub.node, sub.pointer, items);
      }
    }
  };
  walk(template, '', { node: registry, pointer: '' });
  return [...findings.values()];
}
