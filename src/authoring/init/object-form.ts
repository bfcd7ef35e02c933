import { everySchema, isRecord } from '../../engine/schema-walk';

/** Keywords that only ever judge strings: without the string form they would be dead text. */
const STRING_ONLY = ['pattern', 'minLength', 'maxLength', 'format'];

/**
 * The registry types 163 properties `["object", "string"]` (policy documents,
 * RedrivePolicy): CloudFormation accepts the object or its JSON text. A template approves
 * the object form only; the engine parses JSON text where an object is approved and
 * judges it as the object, so no string can stand beside the closed object unjudged.
 * Returns the pointers changed.
 */
export function approveObjectFormOnly(template: unknown): string[] {
  const changed: string[] = [];
  everySchema(template, (node, pointer) => {
    if (!isRecord(node) || !Array.isArray(node.type)) return;
    const types = node.type as unknown[];
    if (!types.includes('object') || !types.includes('string')) return;
    const rest = types.filter((t) => t !== 'string');
    node.type = rest.length === 1 ? rest[0] : rest;
    for (const keyword of STRING_ONLY) delete node[keyword];
    changed.push(pointer);
  });
  return changed;
}
