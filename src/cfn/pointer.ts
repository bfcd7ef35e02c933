/** JSON Pointer (RFC 6901) helpers; pointers here are relative to a resource's `Properties`. */

export function escapeToken(token: string): string {
  // `~` first, otherwise the `~1` produced for `/` would be escaped again.
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  // `~1` first, so that `~01` decodes to `~1` and not to `/`.
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function childPointer(parent: string, token: string | number): string {
  return `${parent}/${escapeToken(String(token))}`;
}

/** Tokens of a pointer: `""` -> `[]`, `/a~1b/0` -> `["a/b", "0"]`. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** The pointer itself, then each ancestor up to and including the root `""`. */
export function pointerAndAncestors(pointer: string): string[] {
  if (pointer !== '' && !pointer.startsWith('/')) return [pointer, ''];
  const chain = [pointer];
  let current = pointer;
  while (current !== '') {
    current = current.slice(0, current.lastIndexOf('/'));
    chain.push(current);
  }
  return chain;
}
