import { findPropertyPath } from '../lint/read-only';
import { everySchema, isRecord, nodeAt, resolveRef, setAt } from '../../engine/schema-walk';

const MAX_REF_CHAIN = 16;

/** A copy of what a `$ref` points to, with the referring schema's other keywords: edits to it stay local. */
function inlined(root: unknown, node: Record<string, unknown>): Record<string, unknown> {
  let current = node;
  for (let i = 0; i < MAX_REF_CHAIN; i++) {
    const target = resolveRef(root, current);
    if (!target || !isRecord(target.node)) return current;
    const { $ref: _ref, ...siblings } = current;
    current = { ...structuredClone(target.node), ...siblings };
  }
  return current;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Removes one read-only property (`/properties/A/B`, `*` = array items). Shared
 * definitions on the way are copied in place first, so other users of them keep the
 * property. Returns true when something was removed.
 */
function removePath(root: Record<string, unknown>, names: string[]): boolean {
  let holder: Record<string, unknown> = root;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === '*') {
      if (!isRecord(holder.items)) return false;
      holder.items = inlined(root, holder.items);
      holder = holder.items as Record<string, unknown>;
      continue;
    }
    const properties = holder.properties;
    if (!isRecord(properties) || !(name in properties)) return false;
    if (i === names.length - 1) {
      delete properties[name];
      if (Array.isArray(holder.required)) holder.required = holder.required.filter((r) => r !== name);
      return true;
    }
    if (!isRecord(properties[name])) return false;
    properties[name] = inlined(root, properties[name] as Record<string, unknown>);
    holder = properties[name] as Record<string, unknown>;
  }
  return false;
}

/**
 * A few registry schemas point at a top-level property from elsewhere (`$ref:
 * "#/properties/Arn"`); copy those in place first so that removing the property leaves no
 * dangling reference.
 */
function inlinePropertyRefs(template: Record<string, unknown>): void {
  everySchema(template, (node, pointer) => {
    if (isRecord(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#/properties/')) {
      setAt(template, pointer, inlined(template, node));
    }
  });
}

/** Deletes `.../properties/NAME` and drops NAME from the sibling `required`. */
function deleteProperty(template: Record<string, unknown>, pointer: string): void {
  const tokens = pointer.split('/');
  const name = unescapeToken(tokens.pop() as string);
  tokens.pop(); // 'properties'
  const holder = nodeAt(template, tokens.join('/'));
  if (!isRecord(holder) || !isRecord(holder.properties)) return;
  delete holder.properties[name];
  if (Array.isArray(holder.required)) holder.required = holder.required.filter((r) => r !== name);
}

/**
 * Read-only properties are outputs (Arn, Id): CloudFormation never sends them, so a
 * template has nothing to check there. Returns the top-level names removed.
 */
export function removeReadOnly(template: Record<string, unknown>, readOnly: unknown): string[] {
  const removed: string[] = [];
  inlinePropertyRefs(template);
  const pointers = Array.isArray(readOnly) ? readOnly.filter((p): p is string => typeof p === 'string') : [];
  for (const pointer of pointers) {
    const tokens = pointer.split('/').slice(1).map(unescapeToken);
    if (tokens[0] !== 'properties' || tokens.length < 2) continue;
    if (removePath(template, tokens.slice(1)) && tokens.length === 2) removed.push(tokens[1]);
    // Paths through combinators (`oneOf` branches) are found the way lint finds them.
    for (let at = findPropertyPath(template, pointer), n = 0; at !== undefined && n < 16; at = findPropertyPath(template, pointer), n++) {
      deleteProperty(template, at);
    }
  }
  return removed;
}
