/** RFC 6901 JSON Pointer helpers: findings, unresolved paths and placeholders all speak pointers. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: string, token: string | number): string {
  return `${base}/${escapeToken(token)}`;
}

/** True when `pointer` equals `ancestor` or lies below it. */
export function isAtOrBelow(pointer: string, ancestor: string): boolean {
  return ancestor === '' || pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/**
 * The value `pointer` names in `data`, or undefined when the path leaves it. Own properties only:
 * `/constructor` or `/__proto__` name nothing in a resource's properties.
 */
export function valueAt(data: unknown, pointer: string, options: { arrays?: boolean } = {}): unknown {
  let node = data;
  for (const token of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object' || (options.arrays === false && Array.isArray(node))) return undefined;
    const key = unescapeToken(token);
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
