/**
 * IAM's action matching: `*` is any run of characters, `?` exactly one, case-insensitive.
 * Written as the classic two-pointer walk (linear in practice, never exponential), so a
 * policy cannot make the Hook backtrack the way a regex built from it could.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (c === '?' || c === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
