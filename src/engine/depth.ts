/**
 * Deepest nesting of arrays and objects, measured without recursion so hostile input
 * cannot overflow the stack. Stops counting once past `limit`.
 */
export function nestingExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Far deeper than any real resource (policy documents nest about ten levels), well below where copying or validating would exhaust the stack (about 1,500). */
export const MAX_PROPERTY_DEPTH = 1000;
