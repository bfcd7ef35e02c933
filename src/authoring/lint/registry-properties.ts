import { joinPointer } from '../../engine/pointer';
import { type Located, describedItems, describedProperties, expand } from '../registry-view';
import { isRecord, resolveRef, subSchemas } from '../../engine/schema-walk';
import { mapsAnyName } from '../openness';
import { didYouMean } from '../suggest';
import type { RuleFinding } from './finding';

/** An object schema that gates by itself: closed, listing its properties. */
function closesListed(node: Record<string, unknown>): boolean {
  return node.additionalProperties === false && isRecord(node.properties);
}


/**
 * Walks the template and the official registry schema side by side (following `$ref`s
 * on both sides) and reports every property the template names that the registry does
 * not have at that place: `BucketNmae` would otherwise be a gate nobody ever passes.
 * Also reports a map (keys are data: any name) where the registry lists properties: gating
 * calls a map gated when its values are, but there the keys are tomorrow's properties.
 */
export function checkRegistryProperties(template: Record<string, unknown>, registry: Record<string, unknown>): RuleFinding[] {
  const typeName = String(registry.typeName ?? template.typeName);
  const findings = new Map<string, RuleFinding>();
  const seen = new Set<string>();
  /** `underClosed`: a branch of a schema that lists and closes this object's properties (it only adds constraints). */
  const walk = (node: unknown, pointer: string, official: Located, underClosed = false): void => {
    const key = `${pointer}\u0000${official.pointer}\u0000${underClosed}`;
    if (seen.has(key) || !isRecord(node)) return;
    seen.add(key);
    const target = resolveRef(template, node);
    if (target) walk(target.node, target.pointer, official, underClosed);
    const views = expand(registry, official);
    if (pointer !== '' && !underClosed && mapsAnyName(node) && (describedProperties(registry, views)?.size ?? 0) > 0 && !findings.has(pointer)) {
      findings.set(pointer, {
        path: pointer,
        rule: 'gating',
        severity: 'error',
        message: `open schema: a map (any property name) where the registry schema of ${typeName} lists properties (at ${official.pointer || '/'}), so a property AWS adds tomorrow is admitted; list the approved properties with "additionalProperties": false, or declare it with "x-rcfge": {"open": "why"}`,
      });
    }
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
      if (sub.position === 'same' || sub.keyword === 'if' || sub.keyword === 'not') walk(sub.node, sub.pointer, official, underClosed || closesListed(node) || sub.keyword === 'if' || sub.keyword === 'not');
      else if (sub.keyword === 'items' || sub.keyword === 'contains') {
        const items = describedItems(views);
        if (items) walk(sub.node, sub.pointer, items);
      }
    }
  };
  walk(template, '', { node: registry, pointer: '' });
  return [...findings.values()];
}
