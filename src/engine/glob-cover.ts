/**
 * Containment of IAM wildcard patterns (`*` any run of characters, `?` one character):
 * whether every string one pattern matches is matched by another. A policy statement's
 * `Resource` entry protects a set of ARNs only if its pattern covers all of them, and the
 * set itself is a pattern (`arn:aws:s3:::bucket/*` is every object of the bucket).
 */

/** Positions of a pattern reachable without reading a character (a `*` may match nothing). */
function closure(pattern: string, positions: Iterable<number>): number[] {
  const out = new Set<number>();
  for (let p of positions) {
    out.add(p);
    while (p < pattern.length && pattern[p] === '*') out.add(++p);
  }
  return [...out].sort((a, b) => a - b);
}

/** Positions after reading `char` from each of `positions`. */
function step(pattern: string, positions: readonly number[], char: string): number[] {
  const next: number[] = [];
  for (const p of positions) {
    if (p >= pattern.length) continue;
    const token = pattern[p];
    if (token === '*') next.push(p);
    else if (token === '?' || token === char) next.push(p + 1);
  }
  return closure(pattern, next);
}

/** Beyond this many explored states the answer is "not covered": fail closed, never hang. */
const MAX_STATES = 20_000;

/**
 * True when every string matched by `inner` is matched by `outer`. Characters neither
 * pattern names behave alike, so one character standing for all of them (NUL, which no
 * ARN holds) makes the alphabet finite; the search walks `inner` one state at a time
 * against the set of states `outer` can be in.
 */
export function globCovers(outer: string, inner: string): boolean {
  const alphabet = [...new Set([...outer, ...inner].filter((c) => c !== '*' && c !== '?')), '\u0000'];
  const start = { inner: closure(inner, [0]), outer: closure(outer, [0]) };
  const seen = new Set<string>();
  const queue: Array<{ i: number; outer: number[] }> = start.inner.map((i) => ({ i, outer: start.outer }));
  while (queue.length > 0) {
    const state = queue.pop() as { i: number; outer: number[] };
    const key = `${state.i}|${state.outer.join(',')}`;
    if (seen.has(key)) continue;
    if (seen.size >= MAX_STATES) return false;
    seen.add(key);
    if (state.i === inner.length && !state.outer.includes(outer.length)) return false;
    for (const char of alphabet) {
      const outerNext = step(outer, state.outer, char);
      for (const i of step(inner, [state.i], char)) queue.push({ i, outer: outerNext });
    }
  }
  return true;
}

/** The six colon-separated fields of an ARN (the last keeps its colons), or undefined. */
function arnFields(arn: string): string[] | undefined {
  const fields = arn.split(':');
  return fields.length < 6 ? undefined : [...fields.slice(0, 5), fields.slice(5).join(':')];
}

/**
 * True when the IAM resource pattern `pattern` covers every ARN that `arns` (itself a
 * pattern) names. IAM compares ARNs field by field; checking each field on its own is
 * sound whether the wildcard may cross a colon or not, so a pattern with fewer than six
 * fields (other than `*`) is not trusted to cover anything.
 */
export function resourcePatternCovers(pattern: string, arns: string): boolean {
  if (/^\*+$/.test(pattern)) return true;
  const outer = arnFields(pattern);
  const inner = arnFields(arns);
  if (!outer || !inner) return false;
  return outer.every((field, i) => globCovers(field, inner[i]));
}
