/** RFC 6901 JSON Pointer helpers: findings, unresolved paths and placeholders all speak pointers. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, token: string | number): string {
  return `${base}/${escapeToken(token)}`;
}

/** True when `pointer` equals `ancestor` or lies below it. */
export function isAtOrBelow(pointer: string, ancestor: string): boolean {
  return ancestor === '' || pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}
