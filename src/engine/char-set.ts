/**
 * Which characters one regex atom (a character, class or escape) can match, found by
 * trying it on probe characters: ASCII plus a few non-ASCII ones. Enough to tell whether
 * two atoms can match the same character, which is what backtracking analysis needs.
 */
export const PROBES: readonly string[] = [...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)), 'é', 'Ω', '中', '\u00a0', '\u2028', '😀'];

const charSets = new Map<string, ReadonlySet<string>>();
/** Bounded: atoms come from templates, but a long-lived Hook should not grow without limit. */
const MAX_CACHED = 4096;

/** Unknown syntax matches everything (the safe assumption for ambiguity). */
export function charSet(source: string): ReadonlySet<string> {
  let set = charSets.get(source);
  if (!set) {
    let re: RegExp | undefined;
    for (const flags of ['u', '']) {
      try {
        re = new RegExp(`^(?:${source})$`, flags);
        break;
      } catch {
        // try the other dialect
      }
    }
    set = new Set(re ? PROBES.filter((ch) => (re as RegExp).test(ch)) : PROBES);
    if (charSets.size >= MAX_CACHED) charSets.clear();
    charSets.set(source, set);
  }
  return set;
}

export function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const ch of a) if (b.has(ch)) return false;
  return true;
}
