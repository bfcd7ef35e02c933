import { refPointer } from '../../engine/schema-walk';
import { isRecord } from '../../engine/schema-walk';
import { DATA_KEYWORDS } from '../../engine/vocabulary';

function refsIn(node: unknown, out: Set<string>, skipDefinitions: boolean): void {
  if (Array.isArray(node)) return node.forEach((item) => refsIn(item, out, false));
  if (!isRecord(node)) return;
  for (const [key, child] of Object.entries(node)) {
    if (key === '$ref') {
      const pointer = refPointer(child);
      const m = pointer === undefined ? null : /^\/definitions\/([^/]+)/.exec(pointer);
      if (m) out.add(m[1].replace(/~1/g, '/').replace(/~0/g, '~'));
    } else if (!DATA_KEYWORDS.has(key) && !(skipDefinitions && key === 'definitions')) {
      refsIn(child, out, false);
    }
  }
}

/** Drops definitions nothing refers to any more (after read-only or --allow removals). Returns their names. */
export function pruneDefinitions(template: Record<string, unknown>): string[] {
  const definitions = template.definitions;
  if (!isRecord(definitions)) return [];
  const reachable = new Set<string>();
  refsIn(template, reachable, true);
  const queue = [...reachable];
  while (queue.length > 0) {
    const found = new Set<string>();
    refsIn(definitions[queue.pop() as string], found, false);
    for (const name of found) {
      if (!reachable.has(name)) {
        reachable.add(name);
        queue.push(name);
      }
    }
  }
  const removed = Object.keys(definitions).filter((name) => !reachable.has(name));
  for (const name of removed) delete definitions[name];
  if (Object.keys(definitions).length === 0) delete template.definitions;
  return removed;
}
