/**
 * Star height of a regular expression: how deeply unbounded repetitions nest. Height 2
 * (`(a+)+`, `(\w|-)*` inside `(...)*`) is where backtracking engines go exponential.
 * Written for JS/RE2 pattern syntax including lookarounds, which general-purpose
 * checkers often cannot parse.
 */

/** `{n}` or `{n,m}` with a small m repeats a bounded number of times: not a star. */
const SMALL_BOUND = 10;

interface Quantifier {
  length: number;
  unbounded: boolean;
  repeats: boolean;
}

function readQuantifier(pattern: string, i: number): Quantifier | undefined {
  const c = pattern[i];
  if (c === '*' || c === '+') return { length: 1, unbounded: true, repeats: true };
  if (c === '?') return { length: 1, unbounded: false, repeats: false };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, unbounded: max > SMALL_BOUND, repeats: max > 1 };
}

/** Skips a lazy/possessive suffix after a quantifier. */
function quantifierEnd(pattern: string, i: number, q: Quantifier): number {
  const next = i + q.length;
  return pattern[next] === '?' || pattern[next] === '+' ? next + 1 : next;
}

export function starHeight(pattern: string): number {
  // Each open group records the greatest height reached inside it.
  const stack: number[] = [0];
  let lastAtomHeight = 0;
  let max = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      lastAtomHeight = 0;
      i += 2;
    } else if (c === '[') {
      i += 1;
      if (pattern[i] === '^') i += 1;
      if (pattern[i] === ']') i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      lastAtomHeight = 0;
      i += 1;
    } else if (c === '(') {
      stack.push(0);
      i += 1;
      if (pattern[i] === '?') {
        const flags = /^\?(<[=!]|[=!:>]|<[A-Za-z_]\w*>|[a-zA-Z-]*[:)])/.exec(pattern.slice(i));
        if (flags) i += flags[0].length - (flags[0].endsWith(')') ? 1 : 0);
      }
      continue;
    } else if (c === ')') {
      lastAtomHeight = stack.length > 1 ? (stack.pop() as number) : 0;
      i += 1;
    } else {
      lastAtomHeight = 0;
      i += 1;
    }
    const q = readQuantifier(pattern, i);
    if (q) {
      const height = lastAtomHeight + (q.unbounded || (q.repeats && lastAtomHeight > 0) ? 1 : 0);
      lastAtomHeight = height;
      i = quantifierEnd(pattern, i, q);
    }
    const top = stack.length - 1;
    stack[top] = Math.max(stack[top], lastAtomHeight);
    max = Math.max(max, lastAtomHeight);
  }
  return max;
}
